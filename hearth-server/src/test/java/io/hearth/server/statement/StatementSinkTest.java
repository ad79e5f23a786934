package io.hearth.server.statement;

import static io.hearth.server.statement.StatementApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Result sinks on the testing engine: validation (400 naming the field) and the statement's answer. */
class StatementSinkTest {
    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(
                dataDirectory,
                Map.of(
                        "sinks.jdbc.warehouse.url", "jdbc:postgresql://127.0.0.1:5432/test",
                        "sinks.jdbc.warehouse.user", "postgres",
                        "sinks.jdbc.warehouse.password", "not-in-any-answer"));
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void aStatementWithASinkSucceedsWithNoChunksAndTheRowsWritten() {
        JsonNode answer = hearth.submit("{\"statement\": \"select id from range(1234)\","
                + " \"sink\": {\"jdbc\": {\"target\": \"warehouse\", \"table\": \"public.results\"},"
                + " \"mode\": \"OVERWRITE\"}}");

        assertThat(answer.at("/status/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(answer.at("/manifest/total_chunk_count").asInt()).isZero();
        assertThat(answer.has("result")).isFalse();
        assertThat(answer.at("/sink/jdbc/target").asText()).isEqualTo("warehouse");
        assertThat(answer.at("/sink/jdbc/table").asText()).isEqualTo("public.results");
        assertThat(answer.at("/sink/mode").asText()).isEqualTo("OVERWRITE");
        assertThat(answer.at("/sink/rows_written").asLong()).isEqualTo(1234);
        assertThat(answer.toString()).doesNotContain("not-in-any-answer").doesNotContain("jdbc:postgresql");

        JsonNode again = TestingHearth.json(
                hearth.get("/v1/statements/" + answer.at("/statement_id").asText())
                        .body());
        assertThat(again.at("/sink/rows_written").asLong()).isEqualTo(1234);
    }

    @Test
    void aCatalogTableSinkDefaultsToErrorIfExistsAndKeepsTheRowLimit() {
        JsonNode answer = hearth.submit(
                "{\"statement\": \"select id from range(50)\", \"row_limit\": 7, \"sink\": {\"table\": \"reports.daily\"}}");

        assertThat(answer.at("/status/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(answer.at("/sink/table").asText()).isEqualTo("reports.daily");
        assertThat(answer.at("/sink/mode").asText()).isEqualTo("ERROR_IF_EXISTS");
        assertThat(answer.at("/sink/rows_written").asLong()).isEqualTo(7);
    }

    @Test
    void refusesSinksThatAreAmbiguousUnsafeOrNotConfigured() {
        assertProblem(
                hearth.post("/v1/statements", "{\"statement\": \"x\", \"sink\": {}}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "sink");
        assertProblem(
                hearth.post(
                        "/v1/statements",
                        "{\"statement\": \"x\", \"sink\": {\"table\": \"t\","
                                + " \"jdbc\": {\"target\": \"warehouse\", \"table\": \"t\"}}}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "sink");
        assertProblem(
                hearth.post("/v1/statements", "{\"statement\": \"x\", \"sink\": {\"table\": \"t; drop table x\"}}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "sink.table");
        assertProblem(
                hearth.post("/v1/statements", "{\"statement\": \"x\", \"sink\": {\"table\": \"a.b.c.d\"}}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "sink.table");
        assertProblem(
                hearth.post(
                        "/v1/statements",
                        "{\"statement\": \"x\", \"sink\": {\"jdbc\": {\"target\": \"other\", \"table\": \"t\"}}}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "sink.jdbc.target");
        assertProblem(
                hearth.post("/v1/statements", "{\"statement\": \"x\", \"sink\": {\"jdbc\": {\"table\": \"t\"}}}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "sink.jdbc.target");
        assertProblem(
                hearth.post(
                        "/v1/statements",
                        "{\"statement\": \"x\", \"sink\": {\"jdbc\": {\"target\": \"warehouse\", \"table\": \"\\\"x\\\"\"}}}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "sink.jdbc.table");
        assertProblem(
                hearth.post(
                        "/v1/statements", "{\"statement\": \"x\", \"sink\": {\"table\": \"t\", \"mode\": \"MERGE\"}}"),
                400,
                "INVALID_PARAMETER_VALUE",
                null);
    }
}
