package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every series docs/grafana/hearth.json queries is one a real gateway serves on /metrics. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "hearth.json");
    /** PromQL's functions, aggregations and keywords: the identifiers in a query that are not series. */
    private static final Set<String> PROMQL_WORDS = Set.of(
            "sum",
            "by",
            "without",
            "rate",
            "increase",
            "irate",
            "histogram_quantile",
            "avg",
            "max",
            "min",
            "count",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "offset");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @TempDir
    Path dataDirectory;

    @Test
    void everySeriesTheDashboardQueriesIsInARealScrape() throws Exception {
        Set<String> queried = queriedSeries(new ObjectMapper().readTree(DASHBOARD.toFile()));
        assertThat(queried)
                .as("the dashboard's panels")
                .contains(
                        "hearth_http_server_requests_seconds_bucket",
                        "hearth_statement_duration_seconds_bucket",
                        "hearth_engine_queue_wait_seconds_bucket",
                        "hearth_engine_start_seconds_bucket",
                        "hearth_result_rows_served_total",
                        "hikaricp_connections_active",
                        "jvm_gc_pause_seconds_sum");
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of())) {
            String id = hearth.submit("{\"statement\": \"select id from range(3)\"}")
                    .get("statement_id")
                    .asText();
            assertThat(hearth.get("/v1/statements/" + id + "/result/chunks/0?format=CSV")
                            .statusCode())
                    .isEqualTo(200);
            Set<String> missing = new TreeSet<>(queried);
            // a GC pause is reported once one happened
            Instant deadline = Instant.now().plusSeconds(20);
            while (true) {
                missing.removeAll(seriesIn(hearth.get("/metrics").body()));
                if (missing.isEmpty() || Instant.now().isAfter(deadline)) {
                    break;
                }
                System.gc();
                Thread.sleep(200);
            }
            assertThat(missing)
                    .as("series the dashboard queries but /metrics does not serve")
                    .isEmpty();
        }
    }

    static Set<String> queriedSeries(JsonNode dashboard) {
        Set<String> series = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expression = target.get("expr")
                        .asText()
                        .replaceAll("\\{[^}]*}", " ") // label matchers
                        .replaceAll("\\[[^]]*]", " ") // ranges
                        .replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", " "); // grouping labels
                Matcher identifier = IDENTIFIER.matcher(expression);
                while (identifier.find()) {
                    String word = identifier.group();
                    if (!PROMQL_WORDS.contains(word)) {
                        series.add(word);
                    }
                }
            }
        }
        return series;
    }

    private static Set<String> seriesIn(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher line = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(scrape);
        while (line.find()) {
            names.add(line.group(1));
        }
        return names;
    }
}
