package io.hearth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engines that cannot start report Spark's own reason, not a time-out. */
class EngineStartFailureIT {
    @TempDir
    Path dataDirectory;

    @Test
    void aMasterUrlSparkRejectsFailsTheStatementWithSparksMessage() throws Exception {
        try (TestingHearth hearth = TestingHearth.startWithRealEngines(
                dataDirectory, RealEngineIT.DISTRIBUTION, Map.of("engine.master", "nonsense://nowhere"))) {
            JsonNode answer = hearth.submit("{\"statement\": \"select 1\", \"wait_timeout\": \"50s\"}");
            assertThat(answer.at("/status/state").asText()).isEqualTo("FAILED");
            assertThat(answer.at("/status/error/error_code").asText()).isEqualTo("ENGINE_START_FAILED");
            assertThat(answer.at("/status/error/message").asText())
                    .contains("exited with code 1 before it was ready")
                    .contains("Master must either be yarn or start with spark, k8s, or local");
        }
    }

    @Test
    void aMissingJavaFailsTheStatementNamingIt() throws Exception {
        try (TestingHearth hearth = TestingHearth.startWithRealEngines(
                dataDirectory, RealEngineIT.DISTRIBUTION, Map.of("engine.java", "/no/such/java"))) {
            JsonNode answer = hearth.submit("{\"statement\": \"select 1\", \"wait_timeout\": \"10s\"}");
            assertThat(answer.at("/status/error/error_code").asText()).isEqualTo("ENGINE_START_FAILED");
            assertThat(answer.at("/status/error/message").asText()).contains("/no/such/java");
        }
    }
}
