package io.hearth.server.flightsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ResultFormat;
import io.hearth.server.auth.Principal;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog commands against a scripted engine: which SQL they run (names only ever as quoted
 * identifiers) and how they filter Spark's answers by the client's patterns.
 */
class CatalogQueriesTest {
    private static final Principal ALICE = new Principal("alice");

    private final BufferAllocator allocator = new RootAllocator();
    private final List<String> ran = new ArrayList<>();
    private final Map<String, List<List<Object>>> answers = new LinkedHashMap<>();
    private final CatalogQueries catalog = new CatalogQueries(
            (principal, sql, context) -> {
                ran.add(sql);
                return Statement.accepted(
                        new StatementId("s" + ran.size()),
                        principal.name(),
                        sql,
                        List.of(),
                        ResultFormat.ARROW_STREAM,
                        null,
                        null,
                        Instant.EPOCH);
            },
            this::answer,
            allocator);

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void catalogsAreSparksCatalogs() {
        answers.put("SHOW CATALOGS", List.of(List.of("spark_catalog"), List.of("lake")));

        try (VectorSchemaRoot root = catalog.catalogs(ALICE, null)) {
            assertThat(column(root, "catalog_name")).containsExactly("spark_catalog", "lake");
        }
    }

    @Test
    void schemasAreFilteredByTheClientsPatternAndNamesAreQuoted() {
        answers.put("SHOW CATALOGS", List.of(List.of("spark_catalog"), List.of("we`ird")));
        answers.put("SHOW NAMESPACES IN `we``ird`", List.of(List.of("sales"), List.of("sales_eu"), List.of("hr")));

        CommandGetDbSchemas command = CommandGetDbSchemas.newBuilder()
                .setCatalog("we`ird")
                .setDbSchemaFilterPattern("sales%")
                .build();
        try (VectorSchemaRoot root = catalog.schemas(ALICE, null, command)) {
            assertThat(column(root, "catalog_name")).containsExactly("we`ird", "we`ird");
            assertThat(column(root, "db_schema_name")).containsExactly("sales", "sales_eu");
        }
        assertThat(ran).containsExactly("SHOW CATALOGS", "SHOW NAMESPACES IN `we``ird`");
    }

    @Test
    void tablesAreListedWithTheirTypeAndFiltered() {
        answers.put("SHOW CATALOGS", List.of(List.of("spark_catalog")));
        answers.put("SHOW NAMESPACES IN `spark_catalog`", List.of(List.of("default")));
        answers.put(
                "SHOW TABLES IN `spark_catalog`.`default`",
                List.of(
                        List.of("default", "orders", false),
                        List.of("default", "order_view", true),
                        List.of("default", "customers", false)));

        CommandGetTables all = CommandGetTables.newBuilder().build();
        try (VectorSchemaRoot root = catalog.tables(ALICE, null, all)) {
            assertThat(column(root, "table_name")).containsExactly("orders", "order_view", "customers");
            assertThat(column(root, "table_type")).containsExactly("TABLE", "TEMPORARY VIEW", "TABLE");
        }
        CommandGetTables ordersTables = CommandGetTables.newBuilder()
                .setTableNameFilterPattern("order\\_%")
                .addTableTypes("TEMPORARY VIEW")
                .build();
        try (VectorSchemaRoot root = catalog.tables(ALICE, null, ordersTables)) {
            assertThat(column(root, "table_name")).containsExactly("order_view");
        }
    }

    @Test
    void tablesWithTheirSchemasAreNotOffered() {
        CommandGetTables withSchema =
                CommandGetTables.newBuilder().setIncludeSchema(true).build();
        assertThatThrownBy(() -> catalog.tables(ALICE, null, withSchema))
                .isInstanceOfSatisfying(
                        FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(CallStatus.UNIMPLEMENTED.code()));
        assertThat(ran).isEmpty();
    }

    @Test
    void likePatternsMatchWholeNamesAndHonourEscapes() {
        assertThat(CatalogQueries.likePattern("a_c").matcher("abc").matches()).isTrue();
        assertThat(CatalogQueries.likePattern("a\\_c").matcher("abc").matches()).isFalse();
        assertThat(CatalogQueries.likePattern("a\\_c").matcher("a_c").matches()).isTrue();
        assertThat(CatalogQueries.likePattern("%.*").matcher("x.*").matches()).isTrue();
        assertThat(CatalogQueries.likePattern("%.*").matcher("xy").matches()).isFalse();
    }

    /** Spark's answer to the statement's SQL, in the columns Spark answers with. */
    private void answer(Statement statement, Consumer<VectorSchemaRoot> rows) {
        List<List<Object>> values = answers.get(statement.text());
        assertThat(values).as("no scripted answer for " + statement.text()).isNotNull();
        boolean tables = statement.text().startsWith("SHOW TABLES");
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(tables ? "namespace" : "catalog", FieldType.nullable(new ArrowType.Utf8()), null));
        if (tables) {
            fields.add(new Field("tableName", FieldType.nullable(new ArrowType.Utf8()), null));
            fields.add(new Field("isTemporary", FieldType.nullable(new ArrowType.Bool()), null));
        }
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator)) {
            for (int row = 0; row < values.size(); row++) {
                for (int column = 0; column < fields.size(); column++) {
                    FieldVector vector = root.getVector(column);
                    Object value = values.get(row).get(column);
                    if (vector instanceof VarCharVector text) {
                        text.setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
                    } else {
                        ((BitVector) vector).setSafe(row, (Boolean) value ? 1 : 0);
                    }
                }
            }
            root.setRowCount(values.size());
            rows.accept(root);
        }
    }

    private static List<String> column(VectorSchemaRoot root, String name) {
        List<String> values = new ArrayList<>();
        FieldVector vector = root.getVector(name);
        for (int row = 0; row < root.getRowCount(); row++) {
            values.add(String.valueOf(vector.getObject(row)));
        }
        return values;
    }
}
