package io.hearth.server.result;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.hearth.api.ResultFormat;
import io.hearth.api.statement.ResultManifest;
import io.hearth.testing.ArrowMessages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compare.VectorEqualsVisitor;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreFormatsTest {
    private static final String EXPECTED_JSON = """
            [
              [1, 2, 3, 4, 1.5, 3.5, "12.30", "héllo, \\"wörld\\"", true, "AAEC/w==", "2024-02-29",
               "2024-02-29T12:34:56.123456Z", "2024-02-29T12:34:56.123456", "P1Y2M", "PT26H3M4.000005S",
               [1, 2, 3], {"a": 1, "b": null}, {"a": 1, "b": "x"}, null],
              [-128, -32768, -2147483648, -9223372036854775808, -0.25, "-Infinity", "-0.05", "", false, "",
               "1969-12-31", "1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999", "P-3M", "PT-1.5S",
               [], {}, {"a": null, "b": null}, null],
              [127, 32767, 2147483647, 9223372036854775807, "Infinity", "NaN", "12345678.90",
               "日本語 ✓\\nzweite Zeile", true, "aGk=", "1970-01-01", "1970-01-01T00:00:00.000000Z",
               "1970-01-01T00:00:00.000000", "P0D", "PT0S", [null, 4], {"k é": -1}, {"a": -2, "b": ""}, null],
              [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
               null, null, null]
            ]
            """;

    private static final String EXPECTED_CSV = String.join(
            "\r\n",
            "tiny,small,i,big,f,d,dec,s,b,bin,day,ts,ts_ntz,ym,dt,arr,m,st,n",
            "1,2,3,4,1.5,3.5,12.30,\"héllo, \"\"wörld\"\"\",true,AAEC/w==,2024-02-29,2024-02-29T12:34:56.123456Z,"
                    + "2024-02-29T12:34:56.123456,P1Y2M,PT26H3M4.000005S,\"[1,2,3]\",\"{\"\"a\"\":1,\"\"b\"\":null}\","
                    + "\"{\"\"a\"\":1,\"\"b\"\":\"\"x\"\"}\",",
            "-128,-32768,-2147483648,-9223372036854775808,-0.25,-Infinity,-0.05,\"\",false,\"\",1969-12-31,"
                    + "1969-12-31T23:59:59.999999Z,1969-12-31T23:59:59.999999,P-3M,PT-1.5S,[],{},"
                    + "\"{\"\"a\"\":null,\"\"b\"\":null}\",",
            "127,32767,2147483647,9223372036854775807,Infinity,NaN,12345678.90,\"日本語 ✓\nzweite Zeile\",true,aGk=,"
                    + "1970-01-01,1970-01-01T00:00:00.000000Z,1970-01-01T00:00:00.000000,P0D,PT0S,\"[null,4]\","
                    + "\"{\"\"k é\"\":-1}\",\"{\"\"a\"\":-2,\"\"b\"\":\"\"\"\"}\",",
            ",,,,,,,,,,,,,,,,,,",
            "");

    @TempDir
    Path directory;

    private final ObjectMapper json = new ObjectMapper();
    private BufferAllocator allocator;
    private ResultStore store;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        store = new ResultStore(new ResultConfig(directory, 1000, 1024 * 1024, 1024 * 1024, Duration.ofHours(1), true));
        try (VectorSchemaRoot root = TestTables.allTypes(allocator);
                ResultWriter writer = store.openWriter("all-types")) {
            writer.schema(ArrowMessages.schemaMessage(root.getSchema()), TestTables.ALL_TYPES_COLUMNS);
            // The same rows twice, as two batches: renderers must follow vectors across batches.
            writer.batch(ArrowMessages.batchMessage(root), root.getRowCount());
            writer.batch(ArrowMessages.batchMessage(root), root.getRowCount());
            writer.complete(false);
        }
    }

    @AfterEach
    void tearDown() {
        store.close();
        allocator.close();
    }

    @Test
    void rendersEveryTypeAsJson() throws IOException {
        JsonNode expectedRows = json.readTree(EXPECTED_JSON);
        JsonNode expected =
                json.createArrayNode().addAll((ArrayNode) expectedRows).addAll((ArrayNode) expectedRows);

        JsonNode actual = json.readTree(fetch(ResultFormat.JSON_ARRAY));

        assertThat(actual).isEqualTo(expected);
        // Numbers stay numbers and decimals stay exact strings.
        assertThat(actual.get(0).get(3).isIntegralNumber()).isTrue();
        assertThat(actual.get(2).get(3).asText()).isEqualTo("9223372036854775807");
        assertThat(actual.get(0).get(6).isTextual()).isTrue();
    }

    @Test
    void rendersEveryTypeAsCsv() {
        String csv = new String(fetch(ResultFormat.CSV), UTF_8);

        String rows = EXPECTED_CSV.substring(EXPECTED_CSV.indexOf("\r\n") + 2);
        assertThat(csv).isEqualTo(EXPECTED_CSV + rows);
    }

    @Test
    void servesTheStoredArrowStreamUnchanged() throws IOException {
        byte[] stream = fetch(ResultFormat.ARROW_STREAM);

        try (VectorSchemaRoot expected = TestTables.allTypes(allocator);
                ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream), allocator)) {
            VectorSchemaRoot actual = reader.getVectorSchemaRoot();
            assertThat(actual.getSchema()).isEqualTo(expected.getSchema());
            int batches = 0;
            while (reader.loadNextBatch()) {
                batches++;
                assertThat(actual.getRowCount()).isEqualTo(4);
                for (FieldVector vector : expected.getFieldVectors()) {
                    assertThat(VectorEqualsVisitor.vectorEquals(vector, actual.getVector(vector.getName())))
                            .as("column %s", vector.getName())
                            .isTrue();
                }
                assertThat(((VarBinaryVector) actual.getVector("bin")).get(0))
                        .isEqualTo(new byte[] {0, 1, 2, (byte) 255});
            }
            assertThat(batches).isEqualTo(2);
        }
    }

    @Test
    void writesRowsIntoACallersJsonDocument() throws IOException {
        StringWriter body = new StringWriter();
        try (JsonGenerator generator = json.getFactory().createGenerator(body)) {
            generator.writeStartObject();
            generator.writeStringField("statement_id", "all-types");
            generator.writeFieldName("data_array");
            store.writeJsonRows("all-types", 0, generator);
            generator.writeNumberField("row_count", 8);
            generator.writeEndObject();
        }

        JsonNode document = json.readTree(body.toString());

        assertThat(document.get("statement_id").asText()).isEqualTo("all-types");
        assertThat(document.get("row_count").asInt()).isEqualTo(8);
        assertThat(document.get("data_array")).isEqualTo(json.readTree(fetch(ResultFormat.JSON_ARRAY)));
    }

    @Test
    void manifestDescribesTheColumnsWithPositions() {
        ResultManifest manifest = store.readManifest("all-types").orElseThrow();

        assertThat(manifest.format()).isEqualTo(ResultFormat.JSON_ARRAY);
        assertThat(manifest.schema().columns()).hasSize(19);
        assertThat(manifest.schema().columns().get(6).name()).isEqualTo("dec");
        assertThat(manifest.schema().columns().get(6).type()).isEqualTo("DECIMAL(10,2)");
        assertThat(manifest.schema().columns().get(6).position()).isEqualTo(6);
        assertThat(manifest.totalRowCount()).isEqualTo(8);
    }

    private byte[] fetch(ResultFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeChunk("all-types", 0, format, out);
        return out.toByteArray();
    }
}
