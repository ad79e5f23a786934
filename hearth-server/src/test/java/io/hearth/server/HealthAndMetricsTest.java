package io.hearth.server;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthAndMetricsTest {
    @TempDir
    Path dataDirectory;

    @Test
    void reportsLivenessReadinessAndPrometheusMetrics() throws Exception {
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of())) {
            assertThat(hearth.get("/health/live").statusCode()).isEqualTo(200);
            var ready = hearth.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready.body()).get("store").asText()).isEqualTo("UP");

            hearth.submit("{\"statement\": \"select id from range(5)\"}");
            hearth.get("/v1/statements/unknown");

            String metrics = hearth.get("/metrics").body();
            assertThat(metrics).contains("hearth_statements{kind=\"STATEMENT\",state=\"SUCCEEDED\"} 1.0");
            assertThat(metrics).contains("hearth_engines{state=\"IDLE\"} 1.0");
            assertThat(metrics)
                    .containsPattern(
                            "(?m)"
                                    + "hearth_http_server_requests_seconds_count\\{method=\"POST\",outcome=\"SUCCESS\",route=\"/v1/statements\",status=\"200\"\\} 1$");
            assertThat(metrics)
                    .containsPattern("(?m)hearth_http_server_requests_seconds_count\\{.*status=\"404\"\\} 1$");
            assertThat(metrics)
                    .containsPattern(
                            "(?m)"
                                    + "hearth_result_chunk_bytes_served_bytes_total\\{door=\"rest\",format=\"JSON_ARRAY\"\\} [1-9]");
        }
    }
}
