package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lifecycle events of real Spark work, read over SSE: progress from the engine's stages and tasks. */
class EventsIT {
    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.startWithRealEngines(
                dataDirectory,
                RealEngineIT.DISTRIBUTION,
                Map.of("events.progress-interval", "200ms", "events.poll-interval", "50ms"));
    }

    @AfterAll
    static void stop() {
        if (hearth != null) {
            hearth.close();
        }
    }

    @Test
    void aSparkQueryReportsProgressAndItsSmallResultInline() throws Exception {
        JsonNode accepted = json(hearth.post(
                        "/v1/statements",
                        "{\"statement\": \"select count(*) as n, sum(a.id % 7) as s from range(0, 4000000, 1, 8) a"
                                + " join range(0, 4000000, 1, 8) b on a.id = b.id\", \"wait_timeout\": \"0s\","
                                + " \"external_id\": \"it-1\"}")
                .body());
        String id = accepted.get("statement_id").asText();

        HttpResponse<Stream<String>> response = hearth.getLines("/v1/statements/" + id + "/events");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events;
        try (Stream<String> lines = response.body()) {
            // the stream ends by itself after the terminal event
            events = CompletableFuture.supplyAsync(() -> {
                        List<JsonNode> read = new ArrayList<>();
                        lines.filter(line -> line.startsWith("data: "))
                                .forEach(line -> read.add(json(line.substring(6))));
                        return read;
                    })
                    .get(180, TimeUnit.SECONDS);
        }

        List<String> types =
                events.stream().map(event -> event.get("type").asText()).toList();
        assertThat(types.get(0)).isEqualTo("QUEUED");
        assertThat(types.get(1)).isEqualTo("STARTED");
        assertThat(types.get(types.size() - 1)).as(events.toString()).isEqualTo("SUCCEEDED");
        assertThat(types.subList(2, types.size() - 1))
                .as("only progress in between")
                .containsOnly("PROGRESS");
        assertThat(types)
                .as("a join of two 4M-row ranges takes long enough to report progress")
                .contains("PROGRESS");
        JsonNode progress = events.stream()
                .filter(event -> event.get("type").asText().equals("PROGRESS"))
                .reduce((first, second) -> second)
                .orElseThrow()
                .get("data");
        assertThat(progress.get("tasks_total").asLong()).isPositive();
        assertThat(progress.get("stages_total").asInt()).isPositive();
        assertThat(events)
                .allSatisfy(
                        event -> assertThat(event.get("external_id").asText()).isEqualTo("it-1"));
        JsonNode succeeded = events.get(events.size() - 1).get("data");
        assertThat(succeeded.at("/result/data_array").toString()).isEqualTo("[[4000000,11999994]]");
        assertThat(succeeded.at("/manifest/schema/columns/0/name").asText()).isEqualTo("n");
    }
}
