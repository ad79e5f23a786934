package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import io.hearth.server.auth.Principal;
import io.hearth.server.session.SessionId;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers the HiveServer2 metadata operations by running Spark SQL in the caller's session, as
 * the caller, so a session sees its own temp views and what its user may see.
 *
 * <p>What it runs (names Spark listed are quoted with backticks; client text never reaches the
 * SQL: JDBC patterns are matched in Java against what Spark listed, see {@link JdbcPattern}):
 *
 * <ul>
 *   <li>catalogs: {@code SHOW CATALOGS}
 *   <li>schemas: {@code SHOW CATALOGS}, then per catalog {@code SHOW NAMESPACES IN `cat`}
 *       (and {@code global_temp} in {@code spark_catalog})
 *   <li>tables: as schemas, then per schema {@code SHOW VIEWS IN `cat`.`db`} and {@code SHOW
 *       TABLES IN `cat`.`db`} (a name in both is a VIEW); local temp views (no catalog, no schema)
 *       from those answers, or {@code SHOW VIEWS} when no schema was asked
 *   <li>columns: as tables, then per table {@code DESCRIBE TABLE `cat`.`db`.`t`} (exact types:
 *       {@code decimal(10,2)}, {@code varchar(20)}, nested types), up to its partition section
 *   <li>functions: {@code SHOW FUNCTIONS} (built-in and temporary functions, no schema) and per
 *       schema {@code SHOW USER FUNCTIONS IN `cat`.`db`}
 *   <li>table types, type info: static; primary keys and foreign keys: none (Spark has none)
 * </ul>
 *
 * A schema or table dropped while it is being listed is left out, not an error; any other failure
 * of the SQL surfaces as {@link QueryFailedException}.
 */
public final class Hs2Catalog implements Hs2Metadata {
    static final String TABLE = "TABLE";
    static final String VIEW = "VIEW";
    /** The schema of global temp views ({@code spark.sql.globalTempDatabase}, default). */
    static final String GLOBAL_TEMP = "global_temp";

    static final String SESSION_CATALOG = "spark_catalog";

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final SessionQueries queries;

    public Hs2Catalog(SessionQueries queries) {
        this.queries = requireNonNull(queries, "queries is null");
    }

    @Override
    public MetadataResult catalogs(Principal principal, SessionId session) {
        List<List<Object>> rows = new ArrayList<>();
        for (String catalog : new TreeSet<>(listCatalogs(principal, session))) {
            rows.add(Arrays.asList(catalog));
        }
        return new MetadataResult(MetadataLayouts.CATALOGS, rows);
    }

    @Override
    public MetadataResult schemas(Principal principal, SessionId session, String catalog, String schemaPattern) {
        List<List<Object>> rows = new ArrayList<>();
        for (SchemaName schema : listSchemas(principal, session, catalog, JdbcPattern.of(schemaPattern))) {
            rows.add(Arrays.asList(schema.schema(), schema.catalog()));
        }
        rows.sort(byText(1).thenComparing(byText(0)));
        return new MetadataResult(MetadataLayouts.SCHEMAS, rows);
    }

    @Override
    public MetadataResult tables(
            Principal principal,
            SessionId session,
            String catalog,
            String schemaPattern,
            String tablePattern,
            List<String> types) {
        Set<String> wanted = new TreeSet<>();
        if (types == null || types.isEmpty()) {
            // an empty list too: some clients send one, over Thrift, for "no filter"
            wanted.addAll(List.of(TABLE, VIEW));
        } else {
            types.stream()
                    .filter(type -> type != null)
                    .map(type -> type.trim().toUpperCase(Locale.ROOT))
                    .forEach(wanted::add);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (TableName table : listTables(principal, session, catalog, schemaPattern, tablePattern)) {
            if (wanted.contains(table.type())) {
                rows.add(Arrays.asList(
                        table.catalog(),
                        table.schema(),
                        table.name(),
                        table.type(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
            }
        }
        rows.sort(byText(3).thenComparing(byText(0)).thenComparing(byText(1)).thenComparing(byText(2)));
        return new MetadataResult(MetadataLayouts.TABLES, rows);
    }

    @Override
    public MetadataResult tableTypes() {
        return new MetadataResult(MetadataLayouts.TABLE_TYPES, List.of(List.of(TABLE), List.of(VIEW)));
    }

    @Override
    public MetadataResult columns(
            Principal principal,
            SessionId session,
            String catalog,
            String schemaPattern,
            String tablePattern,
            String columnPattern) {
        JdbcPattern columnNames = JdbcPattern.of(columnPattern);
        List<List<Object>> rows = new ArrayList<>();
        for (TableName table : listTables(principal, session, catalog, schemaPattern, tablePattern)) {
            List<List<Object>> described;
            try {
                described = queries.run(principal, session, "DESCRIBE TABLE " + table.quoted());
            } catch (QueryFailedException e) {
                if (isGone(e)) {
                    continue; // dropped since it was listed
                }
                throw e;
            }
            int ordinal = 0;
            for (List<Object> column : described) {
                String name = text(column, 0);
                // the partition section ("# Partition Information", ...) repeats columns already listed
                if (name == null || name.isEmpty() || name.startsWith("#")) {
                    break;
                }
                ordinal++;
                if (columnNames.matches(name)) {
                    rows.add(columnRow(table, name, SparkColumnType.of(text(column, 1)), text(column, 2), ordinal));
                }
            }
        }
        rows.sort(byText(0).thenComparing(byText(1)).thenComparing(byText(2)).thenComparing(row ->
                (Integer) row.get(16)));
        return new MetadataResult(MetadataLayouts.COLUMNS, rows);
    }

    @Override
    public MetadataResult functions(
            Principal principal, SessionId session, String catalog, String schemaPattern, String functionPattern) {
        JdbcPattern schemas = JdbcPattern.of(schemaPattern);
        JdbcPattern names = JdbcPattern.of(functionPattern);
        List<List<Object>> rows = new ArrayList<>();
        if (isAnyCatalog(catalog) && schemas.matchesNoSchema()) {
            for (List<Object> row : queries.run(principal, session, "SHOW FUNCTIONS")) {
                String listed = text(row, 0);
                // built-in and temporary functions are unqualified; the current schema's own come below
                if (!isUnqualified(listed)) {
                    continue;
                }
                String function = listed.substring(listed.lastIndexOf('.') + 1);
                if (names.matches(function)) {
                    rows.add(functionRow(null, null, function));
                }
            }
        }
        for (SchemaName schema : listSchemas(principal, session, catalog, schemas)) {
            if (schema.schema().equals(GLOBAL_TEMP)) {
                continue; // holds views only
            }
            String prefix = schema.catalog() + "." + schema.schema() + ".";
            for (List<Object> row : runInSchema(principal, session, "SHOW USER FUNCTIONS IN " + schema.quoted())) {
                String qualified = text(row, 0);
                String function = qualified.startsWith(prefix)
                        ? qualified.substring(prefix.length())
                        : qualified.substring(qualified.lastIndexOf('.') + 1);
                if (names.matches(function)) {
                    rows.add(functionRow(schema.catalog(), schema.schema(), function));
                }
            }
        }
        rows.sort(byText(0).thenComparing(byText(1)).thenComparing(byText(2)).thenComparing(byText(5)));
        return new MetadataResult(MetadataLayouts.FUNCTIONS, rows);
    }

    @Override
    public MetadataResult typeInfo() {
        return new MetadataResult(MetadataLayouts.TYPE_INFO, SparkTypeInfo.rows());
    }

    @Override
    public MetadataResult primaryKeys(
            Principal principal, SessionId session, String catalog, String schema, String table) {
        return MetadataResult.empty(MetadataLayouts.PRIMARY_KEYS);
    }

    @Override
    public MetadataResult crossReference(
            Principal principal,
            SessionId session,
            String parentCatalog,
            String parentSchema,
            String parentTable,
            String foreignCatalog,
            String foreignSchema,
            String foreignTable) {
        return MetadataResult.empty(MetadataLayouts.CROSS_REFERENCE);
    }

    /** The catalogs Spark lists; a catalog it does not list is not asked about, so never taken for a schema. */
    private List<String> listCatalogs(Principal principal, SessionId session) {
        List<String> catalogs = new ArrayList<>();
        for (List<Object> row : queries.run(principal, session, "SHOW CATALOGS")) {
            catalogs.add(text(row, 0));
        }
        return catalogs;
    }

    private List<SchemaName> listSchemas(
            Principal principal, SessionId session, String catalog, JdbcPattern schemaPattern) {
        List<SchemaName> schemas = new ArrayList<>();
        for (String name : listCatalogs(principal, session)) {
            if (!isAnyCatalog(catalog) && !name.equals(catalog)) {
                continue;
            }
            Set<String> namespaces = new TreeSet<>();
            for (List<Object> row : runInSchema(principal, session, "SHOW NAMESPACES IN " + quote(name))) {
                namespaces.add(text(row, 0));
            }
            if (name.equals(SESSION_CATALOG)) {
                namespaces.add(GLOBAL_TEMP);
            }
            for (String namespace : namespaces) {
                if (schemaPattern.matches(namespace)) {
                    schemas.add(new SchemaName(name, namespace));
                }
            }
        }
        return schemas;
    }

    private List<TableName> listTables(
            Principal principal, SessionId session, String catalog, String schemaPattern, String tablePattern) {
        JdbcPattern schemas = JdbcPattern.of(schemaPattern);
        JdbcPattern names = JdbcPattern.of(tablePattern);
        List<TableName> tables = new ArrayList<>();
        List<List<Object>> localViews = null;
        for (SchemaName schema : listSchemas(principal, session, catalog, schemas)) {
            List<List<Object>> views = runInSchema(principal, session, "SHOW VIEWS IN " + schema.quoted());
            List<List<Object>> all = runInSchema(principal, session, "SHOW TABLES IN " + schema.quoted());
            Set<String> viewNames = new TreeSet<>();
            for (List<Object> view : views) {
                // a row without a namespace is a local temp view: Spark lists those in every schema
                if (isEmpty(text(view, 0))) {
                    localViews = views;
                } else {
                    viewNames.add(text(view, 1));
                }
            }
            for (List<Object> table : all) {
                String name = text(table, 1);
                if (!isEmpty(text(table, 0)) && names.matches(name)) {
                    tables.add(new TableName(
                            schema.catalog(), schema.schema(), name, viewNames.contains(name) ? VIEW : TABLE));
                }
            }
        }
        if (isAnyCatalog(catalog) && schemas.matchesNoSchema()) {
            if (localViews == null) {
                localViews = queries.run(principal, session, "SHOW VIEWS");
            }
            for (List<Object> view : localViews) {
                String name = text(view, 1);
                if (isEmpty(text(view, 0)) && names.matches(name)) {
                    tables.add(new TableName(null, null, name, VIEW));
                }
            }
        }
        return tables;
    }

    /** Runs a listing in one schema; a schema dropped meanwhile lists nothing. */
    private List<List<Object>> runInSchema(Principal principal, SessionId session, String sql) {
        try {
            return queries.run(principal, session, sql);
        } catch (QueryFailedException e) {
            if (e.hasCondition("SCHEMA_NOT_FOUND")) {
                return List.of();
            }
            throw e;
        }
    }

    private static List<Object> columnRow(
            TableName table, String name, SparkColumnType type, String comment, int ordinal) {
        return Arrays.asList(
                table.catalog(), // TABLE_CAT
                table.schema(), // TABLE_SCHEM
                table.name(), // TABLE_NAME
                name, // COLUMN_NAME
                type.sqlType(), // DATA_TYPE
                type.typeName(), // TYPE_NAME
                type.columnSize(), // COLUMN_SIZE
                null, // BUFFER_LENGTH (unused)
                type.decimalDigits(), // DECIMAL_DIGITS
                type.radix(), // NUM_PREC_RADIX
                // DESCRIBE does not say; Spark's file-based tables allow nulls in every column, as HiveServer2 answers
                DatabaseMetaData.columnNullable, // NULLABLE
                isEmpty(comment) ? null : comment, // REMARKS
                null, // COLUMN_DEF
                null, // SQL_DATA_TYPE (unused)
                null, // SQL_DATETIME_SUB (unused)
                type.sqlType() == java.sql.Types.CHAR || type.sqlType() == java.sql.Types.VARCHAR
                        ? type.columnSize()
                        : null, // CHAR_OCTET_LENGTH
                ordinal, // ORDINAL_POSITION
                "YES", // IS_NULLABLE
                null, // SCOPE_CATALOG
                null, // SCOPE_SCHEMA
                null, // SCOPE_TABLE
                null, // SOURCE_DATA_TYPE
                "NO", // IS_AUTOINCREMENT
                ""); // IS_GENERATEDCOLUMN: DESCRIBE does not say
    }

    private static List<Object> functionRow(String catalog, String schema, String name) {
        return Arrays.asList(catalog, schema, name, null, (short) DatabaseMetaData.functionResultUnknown, name);
    }

    private static boolean isGone(QueryFailedException e) {
        return e.hasCondition("TABLE_OR_VIEW_NOT_FOUND") || e.hasCondition("SCHEMA_NOT_FOUND");
    }

    /** JDBC's null catalog means any; the Hive driver sends an empty one for the same. */
    private static boolean isAnyCatalog(String catalog) {
        return catalog == null || catalog.isEmpty();
    }

    /** Built-in and temporary functions: no qualifier, or Spark's own {@code system.*} one. */
    private static boolean isUnqualified(String function) {
        return function.indexOf('.') < 0 || function.startsWith("system.");
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }

    private static String text(List<Object> row, int index) {
        Object value = row.get(index);
        return value == null ? null : value.toString();
    }

    private static Comparator<List<Object>> byText(int index) {
        return Comparator.comparing(row -> text(row, index), NULLS_FIRST);
    }

    /** A Spark identifier in backticks, a backtick inside doubled. */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private record SchemaName(String catalog, String schema) {
        String quoted() {
            return quote(catalog) + "." + quote(schema);
        }
    }

    /** A table or view; a local temp view has no catalog and no schema. */
    private record TableName(String catalog, String schema, String name, String type) {
        String quoted() {
            if (schema == null) {
                return quote(name); // unqualified: the session's temp view comes first
            }
            // Spark resolves global temp views by schema and name only, not under the catalog
            if (schema.equals(GLOBAL_TEMP) && SESSION_CATALOG.equals(catalog)) {
                return quote(schema) + "." + quote(name);
            }
            return quote(catalog) + "." + quote(schema) + "." + quote(name);
        }
    }
}
