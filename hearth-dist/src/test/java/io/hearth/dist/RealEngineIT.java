package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway with one real engine JVM running real Spark, shared by the whole class. */
class RealEngineIT {
    static final Path DISTRIBUTION = Path.of(System.getProperty("hearth.distribution", "target/hearth"));

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.startWithRealEngines(
                dataDirectory, DISTRIBUTION, Map.of("result.chunk-max-rows", "100000", "engine.prestart", "true"));
    }

    @AfterAll
    static void stop() {
        if (hearth != null) {
            hearth.close();
        }
    }

    static JsonNode run(String sql) {
        JsonNode answer = hearth.submit("{\"statement\": " + quote(sql) + ", \"wait_timeout\": \"50s\"}");
        return answer.at("/status/state").asText().equals("RUNNING")
                        || answer.at("/status/state").asText().equals("PENDING")
                ? hearth.awaitStatement(
                        answer.at("/statement_id").asText(),
                        statement -> statement.at("/status/state").asText().matches("SUCCEEDED|FAILED|CANCELED"),
                        Duration.ofMinutes(3))
                : answer;
    }

    @Test
    void everySparkSqlTypeIsTypedInJsonCsvAndArrow() throws Exception {
        JsonNode answer = run("""
                select cast(1 as tinyint) t, cast(2 as smallint) s, 3 i, 4L l, cast(1.5 as float) f, 2.25d d,
                       cast('12345678901234567890.123456789' as decimal(38,9)) dec, 'héllo' str, true b,
                       cast('abc' as binary) bin, date'2024-02-29' dt,
                       timestamp_ntz'2024-02-29 12:34:56.123456' ntz, array(1, 2, null) arr,
                       map('k', 1) m, named_struct('x', 1, 'y', 'z') st, null nothing,
                       interval '1-2' year to month ym, interval '1 02:03:04.000005' day to second dts,
                       cast('NaN' as double) nan, cast(null as int) nullint""");
        assertThat(answer.at("/status/state").asText()).as(answer.toString()).isEqualTo("SUCCEEDED");
        List<String> types = answer.at("/manifest/schema/columns").findValuesAsText("type");
        assertThat(types)
                .containsExactly(
                        "TINYINT",
                        "SMALLINT",
                        "INT",
                        "BIGINT",
                        "FLOAT",
                        "DOUBLE",
                        "DECIMAL(38,9)",
                        "STRING",
                        "BOOLEAN",
                        "BINARY",
                        "DATE",
                        "TIMESTAMP_NTZ",
                        "ARRAY<INT>",
                        "MAP<STRING, INT>",
                        "STRUCT<x: INT NOT NULL, y: STRING NOT NULL>",
                        "VOID",
                        "INTERVAL YEAR TO MONTH",
                        "INTERVAL DAY TO SECOND",
                        "DOUBLE",
                        "INT");
        JsonNode row = answer.at("/result/data_array/0");
        assertThat(row.get(0).isIntegralNumber()).isTrue();
        assertThat(row.get(0).asInt()).isEqualTo(1);
        assertThat(row.get(3).asLong()).isEqualTo(4);
        assertThat(row.get(4).asDouble()).isEqualTo(1.5);
        assertThat(row.get(5).asDouble()).isEqualTo(2.25);
        assertThat(row.get(6).isTextual()).isTrue();
        assertThat(row.get(6).asText()).isEqualTo("12345678901234567890.123456789");
        assertThat(row.get(7).asText()).isEqualTo("héllo");
        assertThat(row.get(8).asBoolean()).isTrue();
        assertThat(row.get(9).asText()).isEqualTo("YWJj");
        assertThat(row.get(10).asText()).isEqualTo("2024-02-29");
        assertThat(row.get(11).asText()).isEqualTo("2024-02-29T12:34:56.123456");
        assertThat(row.get(12).toString()).isEqualTo("[1,2,null]");
        assertThat(row.get(13).toString()).isEqualTo("{\"k\":1}");
        assertThat(row.get(14).toString()).isEqualTo("{\"x\":1,\"y\":\"z\"}");
        assertThat(row.get(15).isNull()).isTrue();
        assertThat(row.get(16).asText()).isEqualTo("P1Y2M");
        assertThat(row.get(17).asText()).isEqualTo("PT26H3M4.000005S");
        assertThat(row.get(18).asText()).isEqualTo("NaN");
        assertThat(row.get(19).isNull()).isTrue();

        String id = answer.at("/statement_id").asText();
        String[] csv = hearth.get("/v1/statements/" + id + "/result/chunks/0?format=CSV")
                .body()
                .split("\r\n");
        assertThat(csv[0]).startsWith("t,s,i,l,f,d,dec,str,b,bin,dt,ntz,arr,m,st,nothing");
        assertThat(csv[1])
                .startsWith(
                        "1,2,3,4,1.5,2.25,12345678901234567890.123456789,héllo,true,YWJj,2024-02-29,2024-02-29T12:34:56.123456,");

        byte[] arrow = hearth.getBytes("/v1/statements/" + id + "/result/chunks/0?format=ARROW_STREAM")
                .body();
        try (RootAllocator allocator = new RootAllocator();
                ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(arrow), allocator)) {
            assertThat(reader.loadNextBatch()).isTrue();
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertThat(((BigIntVector) root.getVector("l")).get(0)).isEqualTo(4);
            assertThat(((DecimalVector) root.getVector("dec")).getObject(0).toPlainString())
                    .isEqualTo("12345678901234567890.123456789");
            assertThat(((VarCharVector) root.getVector("str")).getObject(0).toString())
                    .isEqualTo("héllo");
        }
    }

    @Test
    void timestampsAreUtcInstants() {
        JsonNode answer = run("select timestamp'2024-02-29 12:34:56.5' as ts");
        assertThat(answer.at("/manifest/schema/columns/0/type").asText()).isEqualTo("TIMESTAMP");
        assertThat(answer.at("/result/data_array/0/0").asText()).matches("2024-02-29T\\d\\d:34:56\\.500000Z");
    }

    @Test
    void aMillionRowsComeBackCompleteInSeveralChunksInEachFormat() throws Exception {
        JsonNode answer = run("select id, id * 2 as x, cast(id as string) as s from range(1000000)");
        assertThat(answer.at("/status/state").asText()).as(answer.toString()).isEqualTo("SUCCEEDED");
        String id = answer.at("/statement_id").asText();
        JsonNode manifest = answer.get("manifest");
        int chunks = manifest.get("total_chunk_count").asInt();
        assertThat(manifest.get("total_row_count").asLong()).isEqualTo(1_000_000);
        assertThat(chunks).isGreaterThanOrEqualTo(10);

        long jsonRows = 0;
        long idSum = 0;
        for (int chunk = chunks - 1; chunk >= 0; chunk--) { // any order
            JsonNode page = json(hearth.get("/v1/statements/" + id + "/result/chunks/" + chunk)
                    .body());
            for (JsonNode row : page.get("data_array")) {
                jsonRows++;
                idSum += row.get(0).asLong();
                if (row.get(1).asLong() != row.get(0).asLong() * 2
                        || !row.get(2).asText().equals(row.get(0).asText())) {
                    throw new AssertionError("bad row " + row);
                }
            }
        }
        assertThat(jsonRows).isEqualTo(1_000_000);
        assertThat(idSum).isEqualTo(999_999L * 1_000_000L / 2);

        long csvRows = 0;
        long arrowRows = 0;
        long arrowSum = 0;
        try (RootAllocator allocator = new RootAllocator()) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                String csv = hearth.get("/v1/statements/" + id + "/result/chunks/" + chunk, "Accept", "text/csv")
                        .body();
                csvRows += csv.split("\r\n").length - 1;
                byte[] arrow = hearth.getBytes(
                                "/v1/statements/" + id + "/result/chunks/" + chunk,
                                "Accept",
                                "application/vnd.apache.arrow.stream")
                        .body();
                try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(arrow), allocator)) {
                    while (reader.loadNextBatch()) {
                        VectorSchemaRoot root = reader.getVectorSchemaRoot();
                        BigIntVector ids = (BigIntVector) root.getVector("id");
                        for (int i = 0; i < root.getRowCount(); i++) {
                            arrowSum += ids.get(i);
                        }
                        arrowRows += root.getRowCount();
                    }
                }
            }
        }
        assertThat(csvRows).isEqualTo(1_000_000);
        assertThat(arrowRows).isEqualTo(1_000_000);
        assertThat(arrowSum).isEqualTo(idSum);
    }

    @Test
    void cancelingALongQueryEndsItAndFreesTheEngine() {
        JsonNode answer = hearth.submit(
                "{\"statement\": \"select count(*) from range(0, 1000000000000, 1, 2) cross join range(1000) where rand() > 2\", \"wait_timeout\": \"0s\"}");
        String id = answer.at("/statement_id").asText();
        hearth.awaitStatement(
                id, statement -> statement.at("/status/state").asText().equals("RUNNING"), Duration.ofMinutes(3));
        Instant canceledAt = Instant.now();
        hearth.post("/v1/statements/" + id + "/cancel", "");
        hearth.awaitStatement(
                id, statement -> statement.at("/status/state").asText().equals("CANCELED"), Duration.ofSeconds(30));
        assertThat(Duration.between(canceledAt, Instant.now())).isLessThan(Duration.ofSeconds(30));

        JsonNode next = run("select 42 as answer");
        assertThat(next.at("/result/data_array/0/0").asInt()).isEqualTo(42);
    }

    @Test
    void badSqlFailsWithSparksConditionAndSqlState() {
        JsonNode answer = run("select * from no_such_table");
        assertThat(answer.at("/status/state").asText()).isEqualTo("FAILED");
        assertThat(answer.at("/status/error/error_code").asText()).isEqualTo("TABLE_OR_VIEW_NOT_FOUND");
        assertThat(answer.at("/status/error/sql_state").asText()).isEqualTo("42P01");
    }

    @Test
    void namedParametersAreBoundAsTypedLiterals() {
        JsonNode answer = hearth.submit("""
                {"statement": "select :n + 1 as next, upper(:s) as shout, :d as day",
                 "parameters": [{"name": "n", "value": "41", "type": "BIGINT"},
                                {"name": "s", "value": "hi"},
                                {"name": "d", "value": "2024-02-29", "type": "DATE"}],
                 "wait_timeout": "50s"}""");
        assertThat(answer.at("/result/data_array/0").toString()).isEqualTo("[42,\"HI\",\"2024-02-29\"]");
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
