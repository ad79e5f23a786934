package io.hearth.server;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The series docs/operations.md and the Grafana dashboard name, read from a real scrape. */
class ObservabilityMetricsTest {
    @TempDir
    Path dataDirectory;

    @Test
    void aScrapeCarriesRequestStatementQueueEngineResultStoreAndJvmSeries() throws Exception {
        // webhooks on: a channel whose outbox backlog is measured (no work names a callback, so none is POSTed)
        Map<String, String> settings = Map.of("webhooks.enabled", "true", "webhooks.secret", "test-secret");
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, settings)) {
            String before = hearth.get("/metrics").body();
            double succeededBefore =
                    value(before, "hearth_statement_duration_seconds_count{kind=\"STATEMENT\",state=\"SUCCEEDED\"}");
            double failedBefore =
                    value(before, "hearth_statement_duration_seconds_count{kind=\"STATEMENT\",state=\"FAILED\"}");
            assertThat(succeededBefore).isZero();
            assertThat(failedBefore).isZero();

            JsonNode succeeded = hearth.submit("{\"statement\": \"select id from range(7)\"}");
            assertThat(succeeded.at("/status/state").asText()).isEqualTo("SUCCEEDED");
            JsonNode failed = hearth.submit("{\"statement\": \"fail DIVIDE_BY_ZERO 22012\"}");
            assertThat(failed.at("/status/state").asText()).isEqualTo("FAILED");
            String id = succeeded.get("statement_id").asText();
            var csv = hearth.get("/v1/statements/" + id + "/result/chunks/0?format=CSV");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body().lines().count()).isEqualTo(8); // header and 7 rows

            // an event stream is timed too, for as long as it was open (a finished statement's stream ends at once)
            var events = hearth.get("/v1/statements/" + id + "/events");
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(events.body()).contains("event: SUCCEEDED");

            String after = hearth.get("/metrics").body();
            // statements: duration by kind and final state, each up by one, and the store's count by state
            assertThat(value(after, "hearth_statement_duration_seconds_count{kind=\"STATEMENT\",state=\"SUCCEEDED\"}"))
                    .isEqualTo(succeededBefore + 1);
            assertThat(value(after, "hearth_statement_duration_seconds_count{kind=\"STATEMENT\",state=\"FAILED\"}"))
                    .isEqualTo(failedBefore + 1);
            assertThat(value(after, "hearth_statement_duration_seconds_sum{kind=\"STATEMENT\",state=\"SUCCEEDED\"}"))
                    .isPositive();
            assertThat(after)
                    .contains(
                            "hearth_statement_duration_seconds_bucket{kind=\"STATEMENT\",state=\"SUCCEEDED\",le=\"1.0\"}");
            // the store's counts are read at most once a second: the first scrape's zeros may still be cached
            String counted = scrapeUntil(hearth, "hearth_statements{kind=\"STATEMENT\",state=\"SUCCEEDED\"}", 1);
            assertThat(value(counted, "hearth_statements{kind=\"STATEMENT\",state=\"FAILED\"}"))
                    .isEqualTo(1);

            // HTTP: a timer with buckets by method, route template, status and outcome
            assertThat(
                            value(
                                    after,
                                    "hearth_http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",route=\"/v1/statements\",status=\"200\"}"))
                    .isEqualTo(2);
            assertThat(
                            value(
                                    after,
                                    "hearth_http_server_requests_seconds_bucket{method=\"POST\",outcome=\"SUCCESS\",route=\"/v1/statements\",status=\"200\",le=\"60.0\"}"))
                    .isEqualTo(2);
            assertThat(
                            value(
                                    after,
                                    "hearth_http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",route=\"/v1/statements/{statement_id}/result/chunks/{chunk_index}\",status=\"200\"}"))
                    .isEqualTo(1);

            assertThat(
                            value(
                                    after,
                                    "hearth_http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",route=\"/v1/statements/{statement_id}/events\",status=\"200\"}"))
                    .isEqualTo(1);

            // results served: bytes and rows by format
            assertThat(value(after, "hearth_result_chunk_bytes_served_bytes_total{door=\"rest\",format=\"CSV\"}"))
                    .isEqualTo(csv.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            assertThat(value(after, "hearth_result_rows_served_total{door=\"rest\",format=\"CSV\"}"))
                    .isEqualTo(7);
            // the submit answers carried the first chunk inline, as JSON
            assertThat(value(after, "hearth_result_rows_served_total{door=\"rest\",format=\"JSON_ARRAY\"}"))
                    .isEqualTo(7);
            // the other doors' series are there from the start, and REST downloads are not theirs
            assertThat(value(after, "hearth_result_rows_served_total{door=\"hs2\",format=\"THRIFT\"}"))
                    .isZero();
            assertThat(
                            value(
                                    after,
                                    "hearth_result_chunk_bytes_served_bytes_total{door=\"flight_sql\",format=\"ARROW_STREAM\"}"))
                    .isZero();

            // the admission queue and the engine: one engine launched and registered, one wait per statement
            assertThat(value(after, "hearth_engine_queue_length")).isZero();
            assertThat(value(after, "hearth_engine_admitted")).isZero();
            assertThat(value(after, "hearth_engine_queue_wait_seconds_count")).isEqualTo(2);
            assertThat(value(after, "hearth_engine_start_seconds_count{outcome=\"REGISTERED\"}"))
                    .isEqualTo(1);
            assertThat(value(after, "hearth_engine_start_seconds_count{outcome=\"FAILED\"}"))
                    .isZero();
            assertThat(value(after, "hearth_engines{state=\"IDLE\"}")).isEqualTo(1);

            // the events outbox: the webhook channel keeps up (its cursor moves past events it has nothing to send)
            scrapeUntil(hearth, "hearth_events_backlog{channel=\"webhooks\"}", 0);

            // the store's connection pool and the JVM
            assertThat(value(after, "hikaricp_connections_max{pool=\"hearth-store\"}"))
                    .isPositive();
            assertThat(after).contains("hikaricp_connections_acquire_seconds_count{pool=\"hearth-store\"}");
            assertThat(after).contains("jvm_memory_used_bytes{area=\"heap\"");
            assertThat(after).contains("jvm_gc_");
            assertThat(value(after, "jvm_threads_live_threads")).isPositive();
            assertThat(value(after, "jvm_classes_loaded_classes")).isPositive();
            assertThat(value(after, "system_cpu_count")).isPositive();
            assertThat(value(after, "process_uptime_seconds")).isPositive();
            assertThat(value(after, "process_files_open_files")).isPositive();
            assertThat(json(hearth.get("/health/live").body()).get("status").asText())
                    .isEqualTo("UP");
        }
    }

    private static String scrapeUntil(TestingHearth hearth, String series, double expected)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            String scrape = hearth.get("/metrics").body();
            if (value(scrape, series) == expected || Instant.now().isAfter(deadline)) {
                assertThat(value(scrape, series)).as(series).isEqualTo(expected);
                return scrape;
            }
            Thread.sleep(100);
        }
    }

    /** The value of one series (its name and labels exactly as scraped). */
    static double value(String scrape, String series) {
        Matcher line =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(line.find())
                .as("series %s in the scrape:%n%s", series, scrape)
                .isTrue();
        return Double.parseDouble(line.group(1));
    }
}
