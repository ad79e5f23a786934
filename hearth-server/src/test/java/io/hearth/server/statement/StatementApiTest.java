package io.hearth.server.statement;

import static io.hearth.server.TestingHearth.awaitState;
import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statements REST API end to end, on an in-process testing engine. */
class StatementApiTest {
    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(dataDirectory, Map.of("result.chunk-max-rows", "1000"));
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void runsStatementWithParametersAndAnswersWithInlineResult() {
        JsonNode answer = hearth.submit("""
                {"statement": "select id from range(:n)",
                 "parameters": [{"name": "n", "value": "100", "type": "BIGINT"}],
                 "wait_timeout": "10s", "on_wait_timeout": "CONTINUE", "format": "JSON_ARRAY"}""");

        assertThat(answer.at("/status/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(answer.at("/statement_id").asText()).isNotBlank();
        JsonNode manifest = answer.get("manifest");
        assertThat(manifest.at("/format").asText()).isEqualTo("JSON_ARRAY");
        assertThat(manifest.at("/schema/columns/0/name").asText()).isEqualTo("id");
        assertThat(manifest.at("/schema/columns/0/type").asText()).isEqualTo("BIGINT");
        assertThat(manifest.at("/schema/columns/0/position").asInt()).isZero();
        assertThat(manifest.at("/total_row_count").asLong()).isEqualTo(100);
        assertThat(manifest.at("/total_chunk_count").asInt()).isEqualTo(1);
        assertThat(manifest.at("/truncated").asBoolean()).isFalse();
        assertThat(manifest.at("/chunks/0/row_count").asLong()).isEqualTo(100);
        assertThat(manifest.at("/chunks/0/byte_count").asLong()).isPositive();
        JsonNode result = answer.get("result");
        assertThat(result.at("/chunk_index").asInt()).isZero();
        assertThat(result.at("/row_count").asInt()).isEqualTo(100);
        assertThat(result.get("data_array")).hasSize(100);
        assertThat(result.at("/data_array/0/0").isNumber()).isTrue();
        assertThat(result.at("/data_array/99/0").asLong()).isEqualTo(99);
        assertThat(result.get("next_chunk_index").isNull()).isTrue();
        assertThat(result.get("next_chunk_internal_link").isNull()).isTrue();

        JsonNode polled =
                json(hearth.get("/v1/statements/" + answer.at("/statement_id").asText())
                        .body());
        assertThat(polled).isEqualTo(answer);
    }

    @Test
    void servesEveryChunkAgainInAnyOrderAndFormat() throws Exception {
        JsonNode answer = hearth.submit("{\"statement\": \"select id from range(2500)\"}");
        String id = answer.at("/statement_id").asText();
        assertThat(answer.at("/manifest/total_chunk_count").asInt()).isEqualTo(3);
        assertThat(answer.at("/manifest/chunks/2/row_offset").asLong()).isEqualTo(2000);
        assertThat(answer.at("/result/next_chunk_index").asInt()).isEqualTo(1);
        assertThat(answer.at("/result/next_chunk_internal_link").asText())
                .isEqualTo("/v1/statements/" + id + "/result/chunks/1");

        List<Long> ids = new ArrayList<>();
        for (int chunk : new int[] {2, 0, 1, 2}) {
            JsonNode page = json(hearth.get("/v1/statements/" + id + "/result/chunks/" + chunk)
                    .body());
            assertThat(page.at("/chunk_index").asInt()).isEqualTo(chunk);
            assertThat(page.at("/row_offset").asLong()).isEqualTo(chunk * 1000L);
            assertThat(page.at("/data_array/0/0").asLong()).isEqualTo(chunk * 1000L);
            page.get("data_array").forEach(row -> ids.add(row.get(0).asLong()));
        }
        assertThat(ids).hasSize(3000); // chunk 2 twice: 500 + 1000 + 1000 + 500

        HttpResponse<String> csv = hearth.get("/v1/statements/" + id + "/result/chunks/1?format=CSV");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id");
        assertThat(lines[1]).isEqualTo("1000");
        assertThat(lines).hasSize(1001);

        HttpResponse<String> csvByAccept =
                hearth.get("/v1/statements/" + id + "/result/chunks/1", "Accept", "text/csv");
        assertThat(csvByAccept.body()).isEqualTo(csv.body());

        HttpResponse<byte[]> arrow = hearth.getBytes(
                "/v1/statements/" + id + "/result/chunks/2", "Accept", "application/vnd.apache.arrow.stream");
        assertThat(arrow.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/vnd.apache.arrow.stream");
        try (RootAllocator allocator = new RootAllocator();
                ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(arrow.body()), allocator)) {
            long rows = 0;
            long first = -1;
            while (reader.loadNextBatch()) {
                BigIntVector vector =
                        (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
                if (first < 0) {
                    first = vector.get(0);
                }
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            assertThat(rows).isEqualTo(500);
            assertThat(first).isEqualTo(2000);
        }
    }

    @Test
    void csvFormatStatementAnswersWithManifestOnly() {
        JsonNode answer = hearth.submit("{\"statement\": \"select id from range(10)\", \"format\": \"CSV\"}");
        assertThat(answer.at("/manifest/format").asText()).isEqualTo("CSV");
        assertThat(answer.has("result")).isFalse();
        HttpResponse<String> chunk =
                hearth.get("/v1/statements/" + answer.at("/statement_id").asText() + "/result/chunks/0");
        assertThat(chunk.body()).startsWith("id\r\n0\r\n1\r\n");
    }

    @Test
    void rowLimitTruncatesTheResult() {
        JsonNode answer = hearth.submit("{\"statement\": \"select id from range(50)\", \"row_limit\": 7}");
        assertThat(answer.at("/manifest/total_row_count").asLong()).isEqualTo(7);
        assertThat(answer.at("/manifest/truncated").asBoolean()).isTrue();
        assertThat(answer.at("/result/data_array")).hasSize(7);
    }

    @Test
    void answersAtOnceWithZeroWaitAndTheClientPolls() {
        JsonNode answer = hearth.submit("{\"statement\": \"block\", \"wait_timeout\": \"0s\"}");
        String id = answer.at("/statement_id").asText();
        assertThat(answer.at("/status/state").asText()).isIn("PENDING", "RUNNING");
        assertThat(answer.has("manifest")).isFalse();
        awaitState(hearth, id, "RUNNING");

        JsonNode canceled =
                json(hearth.post("/v1/statements/" + id + "/cancel", "").body());
        assertThat(canceled.at("/statement_id").asText()).isEqualTo(id);
        awaitState(hearth, id, "CANCELED");

        HttpResponse<String> chunk = hearth.get("/v1/statements/" + id + "/result/chunks/0");
        assertThat(chunk.statusCode()).isEqualTo(409);

        // the engine is free again
        assertThat(hearth.submit("{\"statement\": \"select id from range(3)\"}")
                        .at("/status/state")
                        .asText())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void cancelsOnWaitTimeoutWhenAsked() {
        JsonNode answer =
                hearth.submit("{\"statement\": \"block\", \"wait_timeout\": \"5s\", \"on_wait_timeout\": \"CANCEL\"}");
        assertThat(answer.at("/status/state").asText()).isEqualTo("CANCELED");
    }

    @Test
    void failedStatementAnswers200WithSparkErrorAndSqlState() {
        JsonNode answer = hearth.submit("{\"statement\": \"fail TABLE_OR_VIEW_NOT_FOUND 42P01\"}");
        assertThat(answer.at("/status/state").asText()).isEqualTo("FAILED");
        assertThat(answer.at("/status/error/error_code").asText()).isEqualTo("TABLE_OR_VIEW_NOT_FOUND");
        assertThat(answer.at("/status/error/sql_state").asText()).isEqualTo("42P01");
        assertThat(answer.at("/status/error/message").asText()).isNotBlank();
        assertThat(answer.has("manifest")).isFalse();
    }

    @Test
    void sameIdempotencyKeyReturnsTheSameStatementAndRunsItOnce() {
        hearth.submit("{\"statement\": \"select id from range(1)\"}");
        int before = hearth.engines().latest().executedStatements();
        String body = "{\"statement\": \"select id from range(5)\", \"idempotency_key\": \"retry-me\"}";
        JsonNode first = hearth.submit(body);
        JsonNode second = hearth.submit(body);
        assertThat(second.at("/statement_id").asText())
                .isEqualTo(first.at("/statement_id").asText());
        assertThat(hearth.engines().latest().executedStatements() - before).isEqualTo(1);
    }

    @Test
    void listsTheCallersStatementsNewestFirstInPages() {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(hearth.submit("{\"statement\": \"select id from range(" + i + ")\"}")
                    .at("/statement_id")
                    .asText());
        }
        JsonNode page1 =
                json(hearth.get("/v1/statements?limit=3&state=SUCCEEDED").body());
        assertThat(page1.get("statements")).hasSize(3);
        assertThat(page1.at("/statements/0/statement_id").asText()).isEqualTo(submitted.get(4));
        assertThat(page1.at("/statements/2/statement_id").asText()).isEqualTo(submitted.get(2));
        String token = page1.get("next_page_token").asText();
        JsonNode page2 = json(hearth.get("/v1/statements?limit=3&state=SUCCEEDED&page_token=" + token)
                .body());
        assertThat(page2.at("/statements/0/statement_id").asText()).isEqualTo(submitted.get(1));
        assertThat(page2.at("/statements/1/statement_id").asText()).isEqualTo(submitted.get(0));
        for (JsonNode statement : page2.get("statements")) {
            assertThat(statement.get("state").asText()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void rejectsMalformedRequestsWithProblemsNamingTheField() {
        assertProblem(hearth.post("/v1/statements", "{not json"), 400, "MALFORMED_JSON", null);
        assertProblem(
                hearth.post("/v1/statements", "{\"statement\": \"x\", \"colour\": 1}"),
                400,
                "INVALID_REQUEST",
                "colour");
        assertProblem(
                hearth.post("/v1/statements", "{\"statement\": \"x\", \"wait_timeout\": \"3s\"}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "wait_timeout");
        assertProblem(
                hearth.post("/v1/statements", "{\"statement\": \"x\", \"wait_timeout\": \"51s\"}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "wait_timeout");
        assertProblem(
                hearth.post("/v1/statements", "{\"statement\": \"x\", \"format\": \"XML\"}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "format");
        assertProblem(
                hearth.post("/v1/statements", "{\"statement\": \"  \"}"), 400, "INVALID_PARAMETER_VALUE", "statement");
        assertProblem(
                hearth.post("/v1/statements", "{\"statement\": \"x\", \"row_limit\": 0}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "row_limit");
        assertProblem(
                hearth.post(
                        "/v1/statements",
                        "{\"statement\": \"x\", \"parameters\": [{\"name\": \"n\", \"value\": \"1\", \"type\": \"BIGNUM\"}]}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "parameters[0].type");
        String huge = "{\"statement\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(hearth.post("/v1/statements", huge), 413, "PAYLOAD_TOO_LARGE", null);
    }

    @Test
    void unknownIdsAndChunksAre404Problems() {
        assertProblem(hearth.get("/v1/statements/no-such-statement"), 404, "NOT_FOUND", null);
        assertProblem(hearth.post("/v1/statements/no-such-statement/cancel", ""), 404, "NOT_FOUND", null);
        String id = hearth.submit("{\"statement\": \"select id from range(3)\"}")
                .at("/statement_id")
                .asText();
        assertProblem(hearth.get("/v1/statements/" + id + "/result/chunks/1"), 404, "NOT_FOUND", null);
        assertProblem(
                hearth.get("/v1/statements/" + id + "/result/chunks/-1"),
                400,
                "INVALID_PARAMETER_VALUE",
                "chunk_index");
        assertProblem(
                hearth.get("/v1/statements/" + id + "/result/chunks/0?format=xml"),
                400,
                "INVALID_PARAMETER_VALUE",
                "format");
        assertProblem(
                hearth.get("/v1/statements/" + id + "/result/chunks/0", "Accept", "image/png"),
                406,
                "NOT_ACCEPTABLE",
                null);
        assertProblem(hearth.get("/v1/nothing-here"), 404, "NOT_FOUND", null);
    }

    static void assertProblem(HttpResponse<String> response, int status, String errorCode, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("error_code").asText()).isEqualTo(errorCode);
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception");
        if (field != null) {
            assertThat(problem.get("field").asText()).isEqualTo(field);
        }
    }
}
