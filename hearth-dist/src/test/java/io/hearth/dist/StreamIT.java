package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams on real engine JVMs with real Spark: a rate source into a memory sink queried by the
 * owner's statements, a stream whose engine is killed resuming from its checkpoint, and a stream
 * that outlives the gateway on its engine.
 */
class StreamIT {
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    Path dataDirectory;

    @Test
    void aRateStreamFillsAMemoryViewTheOwnersStatementsQueryUntilItIsStopped() throws Exception {
        try (TestingHearth hearth = TestingHearth.startWithRealEngines(
                dataDirectory, RealEngineIT.DISTRIBUTION, Map.of("streams.progress-interval", "1s"))) {
            String id = created(hearth.post("/v1/streams", """
                    {"name": "rates", "source": {"format": "rate", "options": {"rowsPerSecond": "50"}},
                     "statement": "SELECT value, value % 10 AS bucket FROM input",
                     "sink": {"format": "memory", "name": "rates"},
                     "trigger": {"processing_time": "1 second"}}"""));

            JsonNode running = awaitStream(
                    hearth,
                    id,
                    stream -> stream.at("/state").asText().equals("RUNNING")
                            && stream.at("/progress/num_input_rows").asLong() > 0
                            && stream.at("/progress/input_rows_per_second").asDouble() > 0);
            assertThat(running.at("/progress/processed_rows_per_second").asDouble())
                    .isPositive();
            assertThat(running.at("/progress/batch_duration_ms").asLong()).isPositive();

            JsonNode counted =
                    hearth.submit("{\"statement\": \"SELECT count(*) AS n FROM rates\", \"wait_timeout\": \"50s\"}");
            assertThat(counted.at("/status/state").asText())
                    .as(counted.toString())
                    .isEqualTo("SUCCEEDED");
            assertThat(counted.at("/result/data_array/0/0").asLong()).isPositive();
            assertThat(json(hearth.get("/v1/engines").body()).get("engines").findValuesAsText("engine_id"))
                    .as("the owner's statements run on the stream's engine")
                    .containsExactly(running.at("/engine_id").asText());

            HttpResponse<String> stopped = hearth.post("/v1/streams/" + id + "/stop", "");
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
            assertThat(json(stopped.body()).at("/state").asText()).isEqualTo("STOPPED");
            // the view keeps what the stream wrote
            JsonNode after =
                    hearth.submit("{\"statement\": \"SELECT count(*) AS n FROM rates\", \"wait_timeout\": \"50s\"}");
            assertThat(after.at("/result/data_array/0/0").asLong())
                    .isGreaterThanOrEqualTo(counted.at("/result/data_array/0/0").asLong());
        }
    }

    @Test
    void aStreamWhoseEngineIsKilledResumesFromItsCheckpointOnANewEngine() throws Exception {
        Path output = dataDirectory.resolve("out");
        try (TestingHearth hearth = TestingHearth.startWithRealEngines(
                dataDirectory, RealEngineIT.DISTRIBUTION, Map.of("streams.progress-interval", "0s"))) {
            String id = created(hearth.post("/v1/streams", """
                    {"source": {"format": "rate", "options": {"rowsPerSecond": "20"}},
                     "statement": "SELECT value FROM input",
                     "sink": {"format": "files", "path": "%s", "file_format": "parquet"},
                     "trigger": {"processing_time": "1 second"}}""".formatted(output)));
            JsonNode before = awaitStream(
                    hearth, id, stream -> stream.at("/progress/batch_id").asLong() >= 2);
            String firstEngine = before.at("/engine_id").asText();
            long pid = json(hearth.get("/v1/engines/" + firstEngine).body())
                    .get("pid")
                    .asLong();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL

            JsonNode after = awaitStream(
                    hearth,
                    id,
                    stream -> stream.at("/state").asText().equals("RUNNING")
                            && !stream.at("/engine_id").asText().equals(firstEngine)
                            && stream.at("/progress/batch_id").asLong()
                                    > before.at("/progress/batch_id").asLong());
            assertThat(after.at("/restarts").asInt()).isEqualTo(1);
            List<Long> batchIds = new ArrayList<>();
            after.at("/recent_progress")
                    .forEach(progress -> batchIds.add(progress.at("/batch_id").asLong()));
            assertThat(batchIds).isSorted().doesNotHaveDuplicates();
            // the rate source went on from its checkpointed offset: no value was written twice
            JsonNode written = hearth.submit("{\"statement\": \"SELECT count(*), count(DISTINCT value) FROM parquet.`"
                    + output + "`\", \"wait_timeout\": \"50s\"}");
            assertThat(written.at("/status/state").asText())
                    .as(written.toString())
                    .isEqualTo("SUCCEEDED");
            long rows = written.at("/result/data_array/0/0").asLong();
            assertThat(rows).isPositive();
            assertThat(written.at("/result/data_array/0/1").asLong()).isEqualTo(rows);

            assertThat(json(hearth.post("/v1/streams/" + id + "/stop", "").body())
                            .at("/state")
                            .asText())
                    .isEqualTo("STOPPED");
        }
    }

    @Test
    void aStreamOutlivesTheGatewayOnItsEngineAndTheNextGatewayTakesItBack() throws Exception {
        Map<String, String> settings = Map.of(
                "engine.registration-port", String.valueOf(freePort()),
                "engine.stop-on-shutdown", "false",
                "engine.recovery-timeout", "90s",
                "streams.progress-interval", "0s");
        String id;
        JsonNode before;
        long pid;
        try (TestingHearth first =
                TestingHearth.startWithRealEngines(dataDirectory, RealEngineIT.DISTRIBUTION, settings)) {
            id = created(first.post("/v1/streams", """
                    {"source": {"format": "rate", "options": {"rowsPerSecond": "20"}},
                     "statement": "SELECT value FROM input",
                     "sink": {"format": "memory", "name": "kept"},
                     "trigger": {"processing_time": "1 second"}}"""));
            before = awaitStream(
                    first, id, stream -> stream.at("/progress/batch_id").asLong() >= 1);
            pid = json(first.get("/v1/engines/" + before.at("/engine_id").asText())
                            .body())
                    .get("pid")
                    .asLong();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        try {
            assertThat(process)
                    .as("the engine outlives the gateway")
                    .hasValueSatisfying(handle -> assertThat(handle.isAlive()).isTrue());
            try (TestingHearth second =
                    TestingHearth.startWithRealEngines(dataDirectory, RealEngineIT.DISTRIBUTION, settings)) {
                JsonNode attached = awaitStream(
                        second,
                        id,
                        stream -> stream.at("/progress/batch_id").asLong()
                                > before.at("/progress/batch_id").asLong() + 1);
                assertThat(attached.at("/engine_id").asText())
                        .as("attached again, not restarted")
                        .isEqualTo(before.at("/engine_id").asText());
                assertThat(attached.at("/restarts").asInt()).isZero();
                // the memory view never left its engine: it still has the first gateway's rows
                JsonNode counted = second.submit(
                        "{\"statement\": \"SELECT count(*), min(value) FROM kept\", \"wait_timeout\": \"50s\"}");
                assertThat(counted.at("/status/state").asText())
                        .as(counted.toString())
                        .isEqualTo("SUCCEEDED");
                assertThat(counted.at("/result/data_array/0/1").asLong()).isZero();

                assertThat(json(second.post("/v1/streams/" + id + "/stop", "").body())
                                .at("/state")
                                .asText())
                        .isEqualTo("STOPPED");
                second.delete("/v1/engines/" + before.at("/engine_id").asText());
            }
        } finally {
            process.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body()).at("/stream_id").asText();
    }

    private static JsonNode awaitStream(TestingHearth hearth, String id, Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = json(hearth.get("/v1/streams/" + id).body());
            assertThat(last[0].at("/state").asText()).as(last[0].toString()).isNotIn("FAILED", "STOPPED");
            return done.test(last[0]);
        });
        return last[0];
    }
}
