package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real engine and its running statement outlive the gateway: the next gateway takes them back. */
class GatewayRestartIT {
    @TempDir
    Path dataDirectory;

    @Test
    void gatewayStoppedAndStartedWhileALongStatementRunsReattachesAndTheStatementCompletes() throws Exception {
        Map<String, String> settings = Map.of(
                "engine.registration-port", String.valueOf(freePort()),
                "engine.stop-on-shutdown", "false",
                "engine.recovery-timeout", "90s");
        String statementId;
        String engineId;
        long pid;
        try (TestingHearth first =
                TestingHearth.startWithRealEngines(dataDirectory, RealEngineIT.DISTRIBUTION, settings)) {
            // two tasks sleeping 1 s per row: ~15 s, whatever else the machine does (no aggregate: Spark
            // refuses a non-deterministic expression inside one)
            statementId = first.submit(
                            "{\"statement\": \"select id, reflect(\'java.lang.Thread\', \'sleep\', cast(1000 as bigint)) as slept from range(0, 30, 1, 2)\", \"wait_timeout\": \"0s\"}")
                    .at("/statement_id")
                    .asText();
            first.awaitStatement(
                    statementId,
                    // progress comes from the engine: it has the statement (RUNNING is stored just before the call)
                    statement -> statement.at("/status/state").asText().equals("RUNNING")
                            && statement.at("/status/progress").isObject(),
                    Duration.ofMinutes(3));
            JsonNode engine = json(first.get("/v1/engines").body()).at("/engines/0");
            engineId = engine.get("engine_id").asText();
            pid = engine.get("pid").asLong();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        try {
            assertThat(process)
                    .as("the engine outlives the gateway")
                    .hasValueSatisfying(handle -> assertThat(handle.isAlive()).isTrue());

            try (TestingHearth second =
                    TestingHearth.startWithRealEngines(dataDirectory, RealEngineIT.DISTRIBUTION, settings)) {
                JsonNode done = second.awaitStatement(
                        statementId,
                        statement -> statement.at("/status/state").asText().matches("SUCCEEDED|FAILED|CANCELED"),
                        Duration.ofMinutes(3));
                assertThat(done.at("/status/state").asText())
                        .as(done.toString())
                        .isEqualTo("SUCCEEDED");
                assertThat(done.at("/manifest/total_row_count").asLong()).isEqualTo(30);
                assertThat(done.at("/result/data_array/29/0").asLong()).isEqualTo(29);

                JsonNode engines = json(second.get("/v1/engines").body()).get("engines");
                assertThat(engines).hasSize(1);
                assertThat(engines.get(0).get("engine_id").asText()).isEqualTo(engineId);
                assertThat(engines.get(0).get("state").asText()).isIn("IDLE", "BUSY");

                JsonNode next = second.submit("{\"statement\": \"select 7 as seven\", \"wait_timeout\": \"50s\"}");
                assertThat(next.at("/status/state").asText())
                        .as(next.toString())
                        .isEqualTo("SUCCEEDED");
                assertThat(json(second.get("/v1/engines").body()).get("engines"))
                        .hasSize(1);

                second.delete("/v1/engines/" + engineId);
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
}
