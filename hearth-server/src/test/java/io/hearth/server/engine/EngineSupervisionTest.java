package io.hearth.server.engine;

import static io.hearth.server.TestingHearth.awaitState;
import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.testing.TestingEngine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine start, loss and stop, as clients see them. */
class EngineSupervisionTest {
    @TempDir
    Path dataDirectory;

    private TestingHearth hearth;

    @BeforeEach
    void start() throws Exception {
        hearth = TestingHearth.start(dataDirectory, Map.of());
    }

    @AfterEach
    void stop() {
        hearth.close();
    }

    @Test
    void statementFailsWithEngineLostWhenTheEngineDiesAndTheNextGetsANewEngine() {
        String id = hearth.submit("{\"statement\": \"block\", \"wait_timeout\": \"0s\"}")
                .at("/statement_id")
                .asText();
        awaitState(hearth, id, "RUNNING");
        TestingEngine first = hearth.engines().latest();

        first.crash();

        JsonNode failed = awaitState(hearth, id, "FAILED");
        assertThat(failed.at("/status/error/error_code").asText()).isEqualTo("ENGINE_LOST");
        assertThat(failed.at("/status/error/message").asText()).contains(first.engineId());
        JsonNode engines = json(hearth.get("/v1/engines").body());
        assertThat(engines.at("/engines/0/state").asText()).isEqualTo("LOST");

        JsonNode next = hearth.submit("{\"statement\": \"select id from range(2)\"}");
        assertThat(next.at("/status/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(hearth.engines().latest().engineId()).isNotEqualTo(first.engineId());
    }

    @Test
    void anEngineThatStopsAnsweringHeartbeatsIsLostAndItsStatementFails() {
        String id = hearth.submit("{\"statement\": \"block\", \"wait_timeout\": \"0s\"}")
                .at("/statement_id")
                .asText();
        awaitState(hearth, id, "RUNNING");
        TestingEngine engine = hearth.engines().latest();

        engine.hang(); // alive, but silent: heartbeats every 200ms, LOST after 3 misses

        JsonNode failed = awaitState(hearth, id, "FAILED");
        assertThat(failed.at("/status/error/error_code").asText()).isEqualTo("ENGINE_LOST");
        assertThat(failed.at("/status/error/message").asText()).contains("missed 3 heartbeats");
        assertThat(json(hearth.get("/v1/engines/" + engine.engineId()).body())
                        .get("state")
                        .asText())
                .isEqualTo("LOST");
        assertThat(engine.onExit()).as("a lost engine's process is killed").isCompleted();
    }

    @Test
    void engineStartFailureIsReportedWithTheEnginesOwnError() {
        hearth.engines().setMode(TestingEngineLauncher.Mode.REPORT_FAILURE);
        JsonNode answer = hearth.submit("{\"statement\": \"select id from range(2)\"}");
        assertThat(answer.at("/status/state").asText()).isEqualTo("FAILED");
        assertThat(answer.at("/status/error/error_code").asText()).isEqualTo("ENGINE_START_FAILED");
        assertThat(answer.at("/status/error/message").asText()).contains("Could not parse Master URL");
        assertThat(json(hearth.get("/v1/engines").body()).at("/engines/0/state").asText())
                .isEqualTo("FAILED");

        hearth.engines().setMode(TestingEngineLauncher.Mode.REGISTER);
        assertThat(hearth.submit("{\"statement\": \"select id from range(2)\"}")
                        .at("/status/state")
                        .asText())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void keepsOnlyTheNewestEndedEnginesListed() {
        hearth.engines().setMode(TestingEngineLauncher.Mode.EXIT_BEFORE_REGISTERING);
        for (int i = 0; i < EnginePool.ENDED_ENGINES_KEPT + 5; i++) {
            hearth.submit("{\"statement\": \"select id from range(1)\"}");
        }
        assertThat(json(hearth.get("/v1/engines").body()).get("engines")).hasSize(EnginePool.ENDED_ENGINES_KEPT + 1);
    }

    @Test
    void engineThatExitsBeforeRegisteringFailsTheStatementWithItsExitCode() {
        hearth.engines().setMode(TestingEngineLauncher.Mode.EXIT_BEFORE_REGISTERING);
        JsonNode answer = hearth.submit("{\"statement\": \"select id from range(2)\"}");
        assertThat(answer.at("/status/error/error_code").asText()).isEqualTo("ENGINE_START_FAILED");
        assertThat(answer.at("/status/error/message").asText()).contains("exited with code 1");
    }

    @Test
    void listsStopsAndShowsEngines() {
        hearth.submit("{\"statement\": \"select id from range(2)\"}");
        TestingEngine engine = hearth.engines().latest();
        JsonNode listed = json(hearth.get("/v1/engines").body());
        assertThat(listed.get("engines")).hasSize(1);
        assertThat(listed.at("/engines/0/engine_id").asText()).isEqualTo(engine.engineId());
        assertThat(listed.at("/engines/0/state").asText()).isEqualTo("IDLE");
        String user = listed.at("/engines/0/subject").asText();
        assertThat(listed.at("/engines/0/share_key").asText()).isEqualTo("default:USER:" + user);
        assertThat(listed.at("/engines/0/context").asText()).isEqualTo("default");
        assertThat(listed.at("/engines/0/share_level").asText()).isEqualTo("USER");
        assertThat(listed.at("/engines/0/max_concurrent").asInt()).isEqualTo(16);
        assertThat(listed.at("/engines/0/started_at").asText()).isNotBlank();
        assertThat(listed.at("/engines/0/last_used_at").asText()).isNotBlank();

        HttpResponse<String> log = hearth.get("/v1/engines/" + engine.engineId() + "/log?lines=10");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");

        HttpResponse<String> stopped = hearth.delete("/v1/engines/" + engine.engineId());
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(json(stopped.body()).get("state").asText()).isEqualTo("STOPPED");
        assertThat(engine.onExit()).isCompleted();

        assertThat(hearth.delete("/v1/engines/nope").statusCode()).isEqualTo(404);
        assertThat(hearth.get("/v1/engines/nope/log").statusCode()).isEqualTo(404);
    }

    @Test
    void stoppingAnEngineFailsItsRunningStatement() {
        String id = hearth.submit("{\"statement\": \"block\", \"wait_timeout\": \"0s\"}")
                .at("/statement_id")
                .asText();
        awaitState(hearth, id, "RUNNING");
        hearth.delete("/v1/engines/" + hearth.engines().latest().engineId());
        JsonNode failed = awaitState(hearth, id, "FAILED");
        assertThat(failed.at("/status/error/error_code").asText()).isEqualTo("ENGINE_LOST");
        assertThat(failed.at("/status/error/message").asText()).contains("stopped by request");
    }
}
