package io.hearth.server.flightsql;

import static java.util.Objects.requireNonNull;

import io.hearth.server.auth.Principal;
import io.hearth.server.statement.Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Flight SQL's catalog commands answered the way Spark answers them, in the user's own engine:
 * {@code SHOW CATALOGS}, {@code SHOW NAMESPACES IN c}, {@code SHOW TABLES IN c.s}. Names a client
 * gives are only ever quoted identifiers in that SQL; its patterns are matched here, not in SQL.
 */
final class CatalogQueries {
    static final List<String> TABLE_TYPES = List.of("TABLE", "TEMPORARY VIEW");

    /** Runs one SQL text as the principal to a successful end. */
    interface Runner {
        Statement run(Principal principal, String sql, CallContext context);
    }

    private final Runner runner;
    private final BiConsumer<Statement, Consumer<VectorSchemaRoot>> rows;
    private final BufferAllocator allocator;

    CatalogQueries(Runner runner, BiConsumer<Statement, Consumer<VectorSchemaRoot>> rows, BufferAllocator allocator) {
        this.runner = requireNonNull(runner, "runner is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    VectorSchemaRoot catalogs(Principal principal, CallContext context) {
        List<String> catalogs = catalogNames(principal, context);
        return answer(
                Schemas.GET_CATALOGS_SCHEMA, catalogs.stream().map(List::of).toList());
    }

    VectorSchemaRoot schemas(Principal principal, CallContext context, CommandGetDbSchemas command) {
        Pattern schemaPattern =
                command.hasDbSchemaFilterPattern() ? likePattern(command.getDbSchemaFilterPattern()) : null;
        List<List<String>> rowsOut = new ArrayList<>();
        for (String catalog : catalogs(principal, context, command.hasCatalog() ? command.getCatalog() : null)) {
            for (String schema : schemaNames(principal, context, catalog)) {
                if (schemaPattern == null || schemaPattern.matcher(schema).matches()) {
                    rowsOut.add(List.of(catalog, schema));
                }
            }
        }
        return answer(Schemas.GET_SCHEMAS_SCHEMA, rowsOut);
    }

    VectorSchemaRoot tables(Principal principal, CallContext context, CommandGetTables command) {
        if (command.getIncludeSchema()) {
            throw CallStatus.UNIMPLEMENTED
                    .withDescription("Hearth does not send table schemas with GetTables yet; run the query instead")
                    .toRuntimeException();
        }
        Pattern schemaPattern =
                command.hasDbSchemaFilterPattern() ? likePattern(command.getDbSchemaFilterPattern()) : null;
        Pattern tablePattern =
                command.hasTableNameFilterPattern() ? likePattern(command.getTableNameFilterPattern()) : null;
        List<String> types = command.getTableTypesList().stream()
                .map(type -> type.toUpperCase(Locale.ROOT))
                .toList();
        List<List<String>> rowsOut = new ArrayList<>();
        for (String catalog : catalogs(principal, context, command.hasCatalog() ? command.getCatalog() : null)) {
            for (String schema : schemaNames(principal, context, catalog)) {
                if (schemaPattern != null && !schemaPattern.matcher(schema).matches()) {
                    continue;
                }
                Statement tables =
                        runner.run(principal, "SHOW TABLES IN " + quote(catalog) + "." + quote(schema), context);
                rows.accept(tables, root -> {
                    for (int row = 0; row < root.getRowCount(); row++) {
                        String table = text(root.getVector("tableName"), row);
                        FieldVector temporary = root.getVector("isTemporary");
                        boolean isTemporary = temporary != null && Boolean.TRUE.equals(temporary.getObject(row));
                        String type = isTemporary ? "TEMPORARY VIEW" : "TABLE";
                        if ((tablePattern == null || tablePattern.matcher(table).matches())
                                && (types.isEmpty() || types.contains(type))) {
                            rowsOut.add(List.of(catalog, schema, table, type));
                        }
                    }
                });
            }
        }
        return answer(Schemas.GET_TABLES_SCHEMA_NO_SCHEMA, rowsOut);
    }

    VectorSchemaRoot tableTypes() {
        return answer(
                Schemas.GET_TABLE_TYPES_SCHEMA,
                TABLE_TYPES.stream().map(List::of).toList());
    }

    /** A Spark identifier for any name: in backquotes, a backquote doubled. */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** A SQL LIKE pattern ({@code %}, {@code _}, {@code \} escapes) as a regular expression. */
    static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private List<String> catalogs(Principal principal, CallContext context, String only) {
        List<String> all = catalogNames(principal, context);
        return only == null ? all : all.stream().filter(only::equals).toList();
    }

    private List<String> catalogNames(Principal principal, CallContext context) {
        return firstColumn(runner.run(principal, "SHOW CATALOGS", context));
    }

    private List<String> schemaNames(Principal principal, CallContext context, String catalog) {
        return firstColumn(runner.run(principal, "SHOW NAMESPACES IN " + quote(catalog), context));
    }

    private List<String> firstColumn(Statement statement) {
        List<String> values = new ArrayList<>();
        rows.accept(statement, root -> {
            for (int row = 0; row < root.getRowCount(); row++) {
                values.add(text(root.getFieldVectors().get(0), row));
            }
        });
        return values;
    }

    private static String text(FieldVector vector, int row) {
        Object value = vector.getObject(row);
        return value == null ? null : value.toString();
    }

    private VectorSchemaRoot answer(Schema schema, List<List<String>> values) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        for (int column = 0; column < schema.getFields().size(); column++) {
            VarCharVector vector = (VarCharVector) root.getVector(column);
            vector.allocateNew();
            for (int row = 0; row < values.size(); row++) {
                String value = column < values.get(row).size() ? values.get(row).get(column) : null;
                if (value == null) {
                    vector.setNull(row);
                } else {
                    vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
                }
            }
            vector.setValueCount(values.size());
        }
        root.setRowCount(values.size());
        return root;
    }
}
