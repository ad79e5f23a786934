package io.hearth.server.batch;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.api.batch.BatchState;
import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import io.hearth.server.store.Database;
import io.hearth.server.store.JdbcBatchRepository;
import io.hearth.server.store.StoreConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches do not outlive their gateway, and a restarted gateway says so. */
class BatchRestartTest {
    @TempDir
    Path dataDirectory;

    @TempDir
    Path sources;

    @Test
    void batchesLeftUnfinishedByAPreviousRunFailWithGatewayRestarted() throws Exception {
        try (Database database = Database.open(StoreConfig.defaults(dataDirectory))) {
            JdbcBatchRepository batches = new JdbcBatchRepository(database.dataSource());
            Instant then = Instant.parse("2026-11-25T12:00:00Z");
            batches.insert(Batch.accepted(new BatchId("was-running"), "alice", "a", "A", List.of(), Map.of(), then));
            batches.markRunning(new BatchId("was-running"), 1, then);
            batches.insert(Batch.accepted(new BatchId("was-pending"), "alice", "a", "A", List.of(), Map.of(), then));
        }

        try (TestingHearth hearth =
                TestingHearth.start(dataDirectory, Map.of("auth.default-user", "alice"), new TestingBatchLauncher())) {
            for (String id : List.of("was-running", "was-pending")) {
                JsonNode batch = json(hearth.get("/v1/batches/" + id).body());
                assertThat(batch.get("state").asText()).isEqualTo(BatchState.FAILED.name());
                assertThat(batch.at("/error/error_code").asText()).isEqualTo("GATEWAY_RESTARTED");
            }
        }
    }

    @Test
    void stoppingTheGatewayStopsItsRunningBatches() throws Exception {
        Path jar = TestJars.compile(sources, Map.of("Sleeper", """
                public class Sleeper {
                    public static void main(String[] args) throws Exception {
                        Thread.sleep(600_000);
                    }
                }
                """));
        String id;
        long pid;
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of(), new TestingBatchLauncher())) {
            HttpResponse<String> upload =
                    hearth.postBytes("/v1/artifacts?name=s.jar", "application/java-archive", Files.readAllBytes(jar));
            String artifactId = json(upload.body()).get("artifact_id").asText();
            id = json(hearth.post(
                                    "/v1/batches",
                                    "{\"artifact_id\": \"" + artifactId + "\", \"class_name\": \"Sleeper\"}")
                            .body())
                    .get("batch_id")
                    .asText();
            JsonNode running = awaitRunning(hearth, id);
            pid = running.get("pid").asLong();
        }

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        try (Database database = Database.open(StoreConfig.defaults(dataDirectory))) {
            Batch batch = new JdbcBatchRepository(database.dataSource())
                    .find(new BatchId(id))
                    .orElseThrow();
            assertThat(batch.state()).isEqualTo(BatchState.FAILED);
            assertThat(batch.error().errorCode()).isEqualTo("GATEWAY_RESTARTED");
            assertThat(batch.error().message()).contains("the gateway stopped");
        }
    }

    private static JsonNode awaitRunning(TestingHearth hearth, String id) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode batch = json(hearth.get("/v1/batches/" + id).body());
            if (batch.get("state").asText().equals("RUNNING")) {
                return batch;
            }
            assertThat(Instant.now()).as("batch %s should run: %s", id, batch).isBefore(end);
            Thread.sleep(50);
        }
    }
}
