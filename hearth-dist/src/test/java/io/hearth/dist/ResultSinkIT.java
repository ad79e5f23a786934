package io.hearth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Result sinks with one real engine: a result written by Spark to a PostgreSQL table (read back
 * with plain JDBC) and to a Spark catalog table (read back by a statement of the same user).
 */
class ResultSinkIT {
    private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    static Path dataDirectory;

    @TempDir
    static Path warehouse;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.startWithRealEngines(
                dataDirectory,
                RealEngineIT.DISTRIBUTION,
                Map.of(
                        "engine.prestart",
                        "true",
                        "engine.conf.spark.sql.warehouse.dir",
                        warehouse.toUri().toString(),
                        "sinks.jdbc.pg.url",
                        POSTGRES_URL,
                        "sinks.jdbc.pg.user",
                        "postgres"));
    }

    @AfterAll
    static void stop() {
        if (hearth != null) {
            hearth.close();
        }
    }

    private static JsonNode run(String body) {
        JsonNode answer = hearth.submit(body);
        String state = answer.at("/status/state").asText();
        return state.equals("RUNNING") || state.equals("PENDING")
                ? hearth.awaitStatement(
                        answer.at("/statement_id").asText(),
                        statement -> statement.at("/status/state").asText().matches("SUCCEEDED|FAILED|CANCELED"),
                        Duration.ofMinutes(3))
                : answer;
    }

    @Test
    void writesAResultToPostgresReadBackWithPlainJdbc() throws SQLException {
        Assumptions.assumeTrue(postgresAnswers(), "no PostgreSQL answers on 127.0.0.1:5432 (db test, user postgres)");
        String table =
                "hearth_sink_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try {
            JsonNode answer = run("{\"statement\": \"select id, concat('row-', id) as label, id * 0.5 as half"
                    + " from range(2500)\", \"wait_timeout\": \"50s\", \"sink\": {\"jdbc\": {\"target\": \"pg\","
                    + " \"table\": \"public." + table + "\"}, \"mode\": \"OVERWRITE\"}}");

            assertThat(answer.at("/status/state").asText())
                    .as(answer.toString())
                    .isEqualTo("SUCCEEDED");
            assertThat(answer.at("/manifest/total_chunk_count").asInt()).isZero();
            assertThat(answer.at("/sink/jdbc/table").asText()).isEqualTo("public." + table);
            assertThat(answer.at("/sink/rows_written").asLong())
                    .as(answer.toString())
                    .isEqualTo(2500);
            try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT count(*), sum(id), max(label), sum(half) FROM public." + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(2500);
                assertThat(rows.getLong(2)).isEqualTo(2499L * 2500 / 2);
                assertThat(rows.getString(3)).isEqualTo("row-999");
                assertThat(rows.getBigDecimal(4).doubleValue()).isEqualTo(2499.0 * 2500 / 4);
            }

            JsonNode again = run("{\"statement\": \"select id from range(10)\", \"wait_timeout\": \"50s\","
                    + " \"sink\": {\"jdbc\": {\"target\": \"pg\", \"table\": \"public." + table + "\"}}}");
            assertThat(again.at("/status/state").asText()).isEqualTo("FAILED");
            assertThat(again.at("/status/error/message").asText()).containsIgnoringCase("already exists");
        } finally {
            try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS public." + table);
            }
        }
    }

    @Test
    void writesAResultToASparkCatalogTableTheSameUserCanQuery() {
        String table =
                "sink_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        JsonNode written = run("{\"statement\": \"select id, id * 2 as twice from range(100)\","
                + " \"wait_timeout\": \"50s\", \"sink\": {\"table\": \"" + table + "\"}}");
        assertThat(written.at("/status/state").asText()).as(written.toString()).isEqualTo("SUCCEEDED");
        assertThat(written.at("/sink/rows_written").asLong()).isEqualTo(100);
        JsonNode appended = run("{\"statement\": \"select id, id * 2 as twice from range(5)\","
                + " \"wait_timeout\": \"50s\", \"sink\": {\"table\": \"" + table + "\", \"mode\": \"APPEND\"}}");
        assertThat(appended.at("/status/state").asText())
                .as(appended.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(appended.at("/sink/rows_written").asLong()).isEqualTo(5);

        JsonNode read =
                run("{\"statement\": \"select count(*), sum(twice) from " + table + "\", \"wait_timeout\": \"50s\"}");
        assertThat(read.at("/status/state").asText()).as(read.toString()).isEqualTo("SUCCEEDED");
        assertThat(read.at("/result/data_array/0/0").asLong()).isEqualTo(105);
        assertThat(read.at("/result/data_array/0/1").asLong()).isEqualTo(99L * 100 + 4L * 5);
        run("{\"statement\": \"drop table " + table + "\", \"wait_timeout\": \"50s\"}");
    }

    private static boolean postgresAnswers() {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "")) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }
}
