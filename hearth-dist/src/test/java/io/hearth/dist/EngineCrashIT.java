package io.hearth.dist;

import static io.hearth.server.TestingHearth.awaitState;
import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real engine JVMs dying in the middle of a query: kill -9, and running out of memory. */
class EngineCrashIT {
    @TempDir
    Path dataDirectory;

    @Test
    void killedEngineFailsItsStatementAndTheNextStatementGetsANewEngine() throws Exception {
        try (TestingHearth hearth =
                TestingHearth.startWithRealEngines(dataDirectory, RealEngineIT.DISTRIBUTION, Map.of())) {
            String id = hearth.submit(
                            "{\"statement\": \"select count(*) from range(0, 1000000000000, 1, 2) cross join range(1000) where rand() > 2\", \"wait_timeout\": \"0s\"}")
                    .at("/statement_id")
                    .asText();
            hearth.awaitStatement(
                    id, statement -> statement.at("/status/state").asText().equals("RUNNING"), Duration.ofMinutes(2));
            JsonNode engine = json(hearth.get("/v1/engines").body()).at("/engines/0");
            long pid = engine.get("pid").asLong();
            assertThat(ProcessHandle.of(pid)).isPresent();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL

            JsonNode failed = awaitState(hearth, id, "FAILED");
            assertThat(failed.at("/status/error/error_code").asText()).isEqualTo("ENGINE_LOST");
            assertThat(json(hearth.get("/v1/engines/" + engine.get("engine_id").asText())
                                    .body())
                            .get("state")
                            .asText())
                    .isEqualTo("LOST");

            JsonNode next = hearth.submit("{\"statement\": \"select 7 as seven\", \"wait_timeout\": \"50s\"}");
            String nextId = next.at("/statement_id").asText();
            JsonNode done = hearth.awaitStatement(
                    nextId,
                    statement -> statement.at("/status/state").asText().equals("SUCCEEDED"),
                    Duration.ofMinutes(3));
            assertThat(done.at("/result/data_array/0/0").asInt()).isEqualTo(7);
            JsonNode engines = json(hearth.get("/v1/engines").body()).get("engines");
            assertThat(engines).hasSize(2);
            assertThat(engines.get(0).get("engine_id").asText())
                    .isNotEqualTo(engine.get("engine_id").asText());
        }
    }

    @Test
    void engineOutOfMemoryExitsAndFailsItsStatementInsteadOfHanging() throws Exception {
        try (TestingHearth hearth = TestingHearth.startWithRealEngines(
                dataDirectory, RealEngineIT.DISTRIBUTION, Map.of("engine.driver-memory", "600m"))) {
            // one result partition (~1 GiB of Arrow) larger than the engine's heap: results are fetched
            // partition by partition, so the driver must hold it whole
            JsonNode answer = hearth.submit(
                    "{\"statement\": \"select id, repeat(cast(id as string), 200) as s from range(0, 1000000, 1, 1)\", \"wait_timeout\": \"0s\"}");
            String id = answer.at("/statement_id").asText();
            JsonNode failed = hearth.awaitStatement(
                    id, statement -> statement.at("/status/state").asText().equals("FAILED"), Duration.ofMinutes(3));
            assertThat(failed.at("/status/error/error_code").asText()).isEqualTo("ENGINE_LOST");
            JsonNode engine = json(hearth.get("/v1/engines").body()).at("/engines/0");
            assertThat(engine.get("state").asText()).isEqualTo("LOST");
            assertThat(hearth.get("/v1/engines/" + engine.get("engine_id").asText() + "/log?lines=400")
                            .body())
                    .contains("OutOfMemoryError");
        }
    }
}
