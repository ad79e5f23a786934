package io.hearth.server.hs2;

import static io.hearth.server.hs2.SparkListing.text;
import static java.util.Objects.requireNonNull;

import io.hearth.server.auth.Principal;
import io.hearth.server.hs2.SparkListing.SchemaName;
import io.hearth.server.hs2.SparkListing.TableName;
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
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final SessionQueries queries;

    public Hs2Catalog(SessionQueries queries) {
        this.queries = requireNonNull(queries, "queries is null");
    }

    @Override
    public MetadataResult catalogs(Principal principal, SessionId session) {
        List<List<Object>> rows = new ArrayList<>();
        for (String catalog : new TreeSet<>(listing(principal, session).catalogs())) {
            rows.add(Arrays.asList(catalog));
        }
        return new MetadataResult(MetadataLayouts.CATALOGS, rows);
    }

    @Override
    public MetadataResult schemas(Principal principal, SessionId session, String catalog, String schemaPattern) {
        List<List<Object>> rows = new ArrayList<>();
        for (SchemaName schema : listing(principal, session).schemas(catalog, JdbcPattern.of(schemaPattern))) {
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
            wanted.addAll(List.of(SparkListing.TABLE, SparkListing.VIEW));
        } else {
            types.stream()
                    .filter(type -> type != null)
                    .map(type -> type.trim().toUpperCase(Locale.ROOT))
                    .forEach(wanted::add);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (TableName table : listing(principal, session)
                .tables(catalog, JdbcPattern.of(schemaPattern), JdbcPattern.of(tablePattern))) {
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
        return new MetadataResult(
                MetadataLayouts.TABLE_TYPES, List.of(List.of(SparkListing.TABLE), List.of(SparkListing.VIEW)));
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
        SparkListing listing = listing(principal, session);
        List<List<Object>> rows = new ArrayList<>();
        for (TableName table : listing.tables(catalog, JdbcPattern.of(schemaPattern), JdbcPattern.of(tablePattern))) {
            int ordinal = 0;
            for (List<Object> column : listing.columns(table)) {
                ordinal++;
                String name = text(column, 0);
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
        SparkListing listing = listing(principal, session);
        List<List<Object>> rows = new ArrayList<>();
        if (SparkListing.isAnyCatalog(catalog) && schemas.matchesNoSchema()) {
            for (String function : listing.unqualifiedFunctions()) {
                if (names.matches(function)) {
                    rows.add(functionRow(null, null, function));
                }
            }
        }
        for (SchemaName schema : listing.schemas(catalog, schemas)) {
            for (String function : listing.functions(schema)) {
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
                comment == null || comment.isEmpty() ? null : comment, // REMARKS
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

    private SparkListing listing(Principal principal, SessionId session) {
        return new SparkListing(queries, principal, session);
    }

    private static Comparator<List<Object>> byText(int index) {
        return Comparator.comparing(row -> text(row, index), NULLS_FIRST);
    }
}
