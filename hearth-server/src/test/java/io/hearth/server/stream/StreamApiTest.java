package io.hearth.server.stream;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.v1.StartStreamRequest;
import io.hearth.server.TestingHearth;
import io.hearth.server.store.Database;
import io.hearth.server.store.StoreConfig;
import io.hearth.testing.TestingEngine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The streams API over the in-process engine: checks, progress, stop, failures, restarts, events. */
class StreamApiTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String RATE_TO_MEMORY = """
            {"name": "counts", "source": {"format": "rate", "options": {"rowsPerSecond": "10"}},
             "statement": "SELECT value FROM input",
             "sink": {"format": "memory", "name": "counts"},
             "trigger": {"processing_time": "1 second"},
             "external_id": "ext-1"}""";

    @TempDir
    Path dataDirectory;

    private TestingHearth start(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("streams.poll-interval", "50ms");
        settings.put("streams.progress-interval", "0s");
        settings.putAll(extra);
        return TestingHearth.start(dataDirectory, settings);
    }

    @Test
    void runsAStreamShowsItsProgressAndStopsIt() throws Exception {
        String id;
        try (TestingHearth hearth = start(Map.of())) {
            HttpResponse<String> created = hearth.post("/v1/streams", RATE_TO_MEMORY);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode accepted = json(created.body());
            id = accepted.at("/stream_id").asText();
            assertThat(created.headers().firstValue("Location")).contains("/v1/streams/" + id);
            assertThat(accepted.at("/sink/output_mode").asText()).isEqualTo("append");
            assertThat(accepted.at("/checkpoint").asText())
                    .isEqualTo(dataDirectory.resolve("checkpoints").resolve(id).toString());

            JsonNode running = awaitStream(
                    hearth, id, stream -> stream.at("/recent_progress").size() >= 3);
            assertThat(running.at("/state").asText()).isEqualTo("RUNNING");
            assertThat(running.at("/progress/num_input_rows").asLong()).isEqualTo(10);
            assertThat(running.at("/progress/input_rows_per_second").asDouble()).isPositive();
            assertThat(running.at("/progress/batch_id").asLong()).isGreaterThanOrEqualTo(2);
            TestingEngine engine = hearth.engines().latest();
            assertThat(engine.activeStreams()).containsExactly(id);
            StartStreamRequest request = engine.streamRequest(id).orElseThrow();
            assertThat(request.getQueryName()).isEqualTo("counts");
            assertThat(request.getProcessingTimeMillis()).isEqualTo(1000);
            assertThat(request.getSource().getOptionsMap()).containsEntry("rowsPerSecond", "10");
            assertThat(request.getSql()).isEqualTo("SELECT value FROM input");

            HttpResponse<String> stopped = hearth.post("/v1/streams/" + id + "/stop", "");
            assertThat(stopped.statusCode()).isEqualTo(200);
            assertThat(json(stopped.body()).at("/state").asText()).isEqualTo("STOPPED");
            assertThat(json(stopped.body()).at("/ended_at").isNull()).isFalse();
            assertThat(engine.activeStreams()).isEmpty();
            assertThat(json(hearth.get("/v1/streams").body())
                            .at("/streams/0/stream_id")
                            .asText())
                    .isEqualTo(id);
            // stopping again answers the same
            assertThat(json(hearth.post("/v1/streams/" + id + "/stop", "").body())
                            .at("/state")
                            .asText())
                    .isEqualTo("STOPPED");
        }
        List<String> events = events(id);
        assertThat(events.get(0)).isEqualTo("QUEUED");
        assertThat(events.get(1)).isEqualTo("STARTED");
        assertThat(events).contains("PROGRESS").last().isEqualTo("STOPPED");
        assertThat(events.subList(2, events.size() - 1)).containsOnly("PROGRESS");
    }

    @Test
    void aQuerySparkRefusesFailsTheStream() throws Exception {
        try (TestingHearth hearth = start(Map.of())) {
            String id = submit(hearth, RATE_TO_MEMORY.replace("SELECT value FROM input", "refuse this"));

            JsonNode failed = awaitStream(
                    hearth, id, stream -> stream.at("/state").asText().equals("FAILED"));
            assertThat(failed.at("/error/error_code").asText()).isEqualTo("SQL_ERROR");
            assertThat(failed.at("/error/message").asText()).contains("PARSE_SYNTAX_ERROR");
        }
    }

    @Test
    void aQueryThatEndsWithAnErrorFailsTheStream() throws Exception {
        try (TestingHearth hearth = start(Map.of())) {
            String id = submit(hearth, RATE_TO_MEMORY.replace("SELECT value FROM input", "SELECT explode(value)"));

            JsonNode failed = awaitStream(
                    hearth, id, stream -> stream.at("/state").asText().equals("FAILED"));
            assertThat(failed.at("/error/message").asText()).isEqualTo("boom");
            assertThat(failed.at("/recent_progress")).hasSize(1);
        }
    }

    @Test
    void aStreamWhoseEngineIsLostRestartsFromItsCheckpointOnANewEngine() throws Exception {
        try (TestingHearth hearth = start(Map.of())) {
            String id = submit(hearth, RATE_TO_MEMORY);
            JsonNode before = awaitStream(
                    hearth, id, stream -> stream.at("/recent_progress").size() >= 2);
            String firstEngine = before.at("/engine_id").asText();

            hearth.engines().latest().crash();

            JsonNode after = awaitStream(
                    hearth,
                    id,
                    stream -> stream.at("/state").asText().equals("RUNNING")
                            && !stream.at("/engine_id").asText().equals(firstEngine)
                            && stream.at("/progress/batch_id").asLong()
                                    > before.at("/progress/batch_id").asLong() + 1);
            assertThat(after.at("/restarts").asInt()).isEqualTo(1);
            // the batches of both engines, in order, without a repeat or a restart from 0
            List<Long> batchIds = new ArrayList<>();
            after.at("/recent_progress")
                    .forEach(progress -> batchIds.add(progress.at("/batch_id").asLong()));
            assertThat(batchIds).isSorted().doesNotHaveDuplicates();
            assertThat(batchIds.get(0)).isZero();
            assertThat(hearth.engines().latest().streamRequest(id).orElseThrow().getCheckpointLocation())
                    .isEqualTo(before.at("/checkpoint").asText());
        }
    }

    @Test
    void aStreamFailsOnceItLostItsEngineMoreThanTheRestartLimit() throws Exception {
        try (TestingHearth hearth = start(Map.of("streams.max-restarts", "0"))) {
            String id = submit(hearth, RATE_TO_MEMORY);
            awaitStream(hearth, id, stream -> stream.at("/recent_progress").size() >= 1);

            hearth.engines().latest().crash();

            JsonNode failed = awaitStream(
                    hearth, id, stream -> stream.at("/state").asText().equals("FAILED"));
            assertThat(failed.at("/error/error_code").asText()).isEqualTo("ENGINE_LOST");
            assertThat(failed.at("/error/message").asText()).contains("streams.max-restarts");
        }
    }

    @Test
    void aStreamAcceptedByAStoppedGatewayRunsOnAfterItsRestart() throws Exception {
        String id;
        long lastBatch;
        try (TestingHearth hearth = start(Map.of())) {
            id = submit(hearth, RATE_TO_MEMORY);
            lastBatch = awaitStream(
                            hearth, id, stream -> stream.at("/recent_progress").size() >= 2)
                    .at("/progress/batch_id")
                    .asLong();
        }
        // its engine stopped with the gateway (engine.stop-on-shutdown): it starts again from its checkpoint
        try (TestingHearth hearth = start(Map.of())) {
            JsonNode resumed = awaitStream(
                    hearth,
                    id,
                    stream -> stream.at("/state").asText().equals("RUNNING")
                            && stream.at("/progress/batch_id").asLong() > lastBatch + 1);
            assertThat(resumed.at("/restarts").asInt())
                    .as("a gateway restart is no engine loss")
                    .isZero();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"statement\": \"SELECT 1\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}}|source",
                "{\"source\": {\"format\": \"socket\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}}|source.format",
                "{\"source\": {\"format\": \"rate\"}, \"sink\": {\"format\": \"memory\", \"name\": \"v\"}}|statement",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\"}|sink",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\"}}|sink.name",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"a b\"}}|sink.name",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"files\"}}|sink.path",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"files\", \"path\": \"out\"}}|sink.path",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\", \"output_mode\": \"all\"}}|sink.output_mode",
                "{\"source\": {\"format\": \"files\", \"path\": \"/tmp/in\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}}|source.schema",
                "{\"source\": {\"format\": \"rate\", \"options\": {\"checkpointLocation\": \"/x\"}}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}}|source.options.checkpointLocation",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}, \"trigger\": {\"processing_time\": \"soon\"}}|trigger.processing_time",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}, \"trigger\": {\"processing_time\": \"1s\", \"available_now\": true}}|trigger",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}, \"checkpoint\": \"relative/dir\"}|checkpoint",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}, \"context\": \"nope\"}|context",
                "{\"name\": \"white space\", \"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}}|name",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}, \"external_id\": \"\"}|external_id",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"s\", \"sink\": {\"format\": \"memory\", \"name\": \"v\"}, \"callback_url\": \"https://example.com/x\"}|callback_url",
            })
    void refusesABadRequestNamingTheField(String body, String field) throws Exception {
        try (TestingHearth hearth = start(Map.of())) {
            HttpResponse<String> refused = hearth.post("/v1/streams", body);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(refused.body()).at("/field").asText()).isEqualTo(field);
            assertThat(json(hearth.get("/v1/streams").body()).at("/streams")).isEmpty();
        }
    }

    @Test
    void parsesSparkIntervalWords() {
        assertThat(StreamRequests.interval("5 seconds")).isEqualTo(Duration.ofSeconds(5));
        assertThat(StreamRequests.interval("1 second")).isEqualTo(Duration.ofSeconds(1));
        assertThat(StreamRequests.interval("500 milliseconds")).isEqualTo(Duration.ofMillis(500));
        assertThat(StreamRequests.interval("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(StreamRequests.interval("2 minutes")).isEqualTo(Duration.ofMinutes(2));
        assertThat(StreamRequests.interval("1 hour")).isEqualTo(Duration.ofHours(1));
    }

    private static String submit(TestingHearth hearth, String body) {
        HttpResponse<String> created = hearth.post("/v1/streams", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created.body()).at("/stream_id").asText();
    }

    private static JsonNode awaitStream(TestingHearth hearth, String id, Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            last[0] = json(hearth.get("/v1/streams/" + id).body());
            return done.test(last[0]);
        });
        return last[0];
    }

    /** The stream's event types in sequence order, read from the store once the gateway stopped. */
    private List<String> events(String id) throws Exception {
        List<String> types = new ArrayList<>();
        try (Database database = Database.open(StoreConfig.defaults(dataDirectory));
                Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT event_type, external_id FROM events"
                        + " WHERE resource_kind = 'STREAM' AND resource_id = ? ORDER BY seq")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                    assertThat(rows.getString(2)).isEqualTo("ext-1");
                }
            }
        }
        return types;
    }
}
