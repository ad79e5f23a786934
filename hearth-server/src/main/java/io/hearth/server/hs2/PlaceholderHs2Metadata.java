package io.hearth.server.hs2;

import io.hearth.server.auth.Principal;
import io.hearth.server.session.SessionId;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A PLACEHOLDER until the catalog ({@code Hs2Catalog}) is wired: every metadata operation answers
 * no rows, with the columns JDBC's {@code DatabaseMetaData} documents, so clients that ask (BI
 * tools do on connect) get an empty answer rather than an error.
 */
public final class PlaceholderHs2Metadata implements Hs2Metadata {
    private static final List<MetadataColumn> CATALOGS = columns("TABLE_CAT");
    private static final List<MetadataColumn> SCHEMAS = columns("TABLE_SCHEM", "TABLE_CATALOG");
    private static final List<MetadataColumn> TABLES = columns(
            "TABLE_CAT",
            "TABLE_SCHEM",
            "TABLE_NAME",
            "TABLE_TYPE",
            "REMARKS",
            "TYPE_CAT",
            "TYPE_SCHEM",
            "TYPE_NAME",
            "SELF_REFERENCING_COL_NAME",
            "REF_GENERATION");
    private static final List<MetadataColumn> TABLE_TYPES = columns("TABLE_TYPE");
    private static final List<MetadataColumn> COLUMNS = List.of(
            new MetadataColumn("TABLE_CAT", Types.VARCHAR),
            new MetadataColumn("TABLE_SCHEM", Types.VARCHAR),
            new MetadataColumn("TABLE_NAME", Types.VARCHAR),
            new MetadataColumn("COLUMN_NAME", Types.VARCHAR),
            new MetadataColumn("DATA_TYPE", Types.INTEGER),
            new MetadataColumn("TYPE_NAME", Types.VARCHAR),
            new MetadataColumn("COLUMN_SIZE", Types.INTEGER),
            new MetadataColumn("BUFFER_LENGTH", Types.TINYINT),
            new MetadataColumn("DECIMAL_DIGITS", Types.INTEGER),
            new MetadataColumn("NUM_PREC_RADIX", Types.INTEGER),
            new MetadataColumn("NULLABLE", Types.INTEGER),
            new MetadataColumn("REMARKS", Types.VARCHAR),
            new MetadataColumn("COLUMN_DEF", Types.VARCHAR),
            new MetadataColumn("SQL_DATA_TYPE", Types.INTEGER),
            new MetadataColumn("SQL_DATETIME_SUB", Types.INTEGER),
            new MetadataColumn("CHAR_OCTET_LENGTH", Types.INTEGER),
            new MetadataColumn("ORDINAL_POSITION", Types.INTEGER),
            new MetadataColumn("IS_NULLABLE", Types.VARCHAR),
            new MetadataColumn("SCOPE_CATALOG", Types.VARCHAR),
            new MetadataColumn("SCOPE_SCHEMA", Types.VARCHAR),
            new MetadataColumn("SCOPE_TABLE", Types.VARCHAR),
            new MetadataColumn("SOURCE_DATA_TYPE", Types.SMALLINT),
            new MetadataColumn("IS_AUTO_INCREMENT", Types.VARCHAR));
    private static final List<MetadataColumn> FUNCTIONS = List.of(
            new MetadataColumn("FUNCTION_CAT", Types.VARCHAR),
            new MetadataColumn("FUNCTION_SCHEM", Types.VARCHAR),
            new MetadataColumn("FUNCTION_NAME", Types.VARCHAR),
            new MetadataColumn("REMARKS", Types.VARCHAR),
            new MetadataColumn("FUNCTION_TYPE", Types.INTEGER),
            new MetadataColumn("SPECIFIC_NAME", Types.VARCHAR));
    private static final List<MetadataColumn> TYPE_INFO = List.of(
            new MetadataColumn("TYPE_NAME", Types.VARCHAR),
            new MetadataColumn("DATA_TYPE", Types.INTEGER),
            new MetadataColumn("PRECISION", Types.INTEGER),
            new MetadataColumn("LITERAL_PREFIX", Types.VARCHAR),
            new MetadataColumn("LITERAL_SUFFIX", Types.VARCHAR),
            new MetadataColumn("CREATE_PARAMS", Types.VARCHAR),
            new MetadataColumn("NULLABLE", Types.SMALLINT),
            new MetadataColumn("CASE_SENSITIVE", Types.BOOLEAN),
            new MetadataColumn("SEARCHABLE", Types.SMALLINT),
            new MetadataColumn("UNSIGNED_ATTRIBUTE", Types.BOOLEAN),
            new MetadataColumn("FIXED_PREC_SCALE", Types.BOOLEAN),
            new MetadataColumn("AUTO_INCREMENT", Types.BOOLEAN),
            new MetadataColumn("LOCAL_TYPE_NAME", Types.VARCHAR),
            new MetadataColumn("MINIMUM_SCALE", Types.SMALLINT),
            new MetadataColumn("MAXIMUM_SCALE", Types.SMALLINT),
            new MetadataColumn("SQL_DATA_TYPE", Types.INTEGER),
            new MetadataColumn("SQL_DATETIME_SUB", Types.INTEGER),
            new MetadataColumn("NUM_PREC_RADIX", Types.INTEGER));
    private static final List<MetadataColumn> PRIMARY_KEYS = List.of(
            new MetadataColumn("TABLE_CAT", Types.VARCHAR),
            new MetadataColumn("TABLE_SCHEM", Types.VARCHAR),
            new MetadataColumn("TABLE_NAME", Types.VARCHAR),
            new MetadataColumn("COLUMN_NAME", Types.VARCHAR),
            new MetadataColumn("KEY_SEQ", Types.INTEGER),
            new MetadataColumn("PK_NAME", Types.VARCHAR));
    private static final List<MetadataColumn> CROSS_REFERENCE = List.of(
            new MetadataColumn("PKTABLE_CAT", Types.VARCHAR),
            new MetadataColumn("PKTABLE_SCHEM", Types.VARCHAR),
            new MetadataColumn("PKTABLE_NAME", Types.VARCHAR),
            new MetadataColumn("PKCOLUMN_NAME", Types.VARCHAR),
            new MetadataColumn("FKTABLE_CAT", Types.VARCHAR),
            new MetadataColumn("FKTABLE_SCHEM", Types.VARCHAR),
            new MetadataColumn("FKTABLE_NAME", Types.VARCHAR),
            new MetadataColumn("FKCOLUMN_NAME", Types.VARCHAR),
            new MetadataColumn("KEY_SEQ", Types.SMALLINT),
            new MetadataColumn("UPDATE_RULE", Types.SMALLINT),
            new MetadataColumn("DELETE_RULE", Types.SMALLINT),
            new MetadataColumn("FK_NAME", Types.VARCHAR),
            new MetadataColumn("PK_NAME", Types.VARCHAR),
            new MetadataColumn("DEFERRABILITY", Types.SMALLINT));

    private static List<MetadataColumn> columns(String... names) {
        List<MetadataColumn> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(new MetadataColumn(name, Types.VARCHAR));
        }
        return List.copyOf(columns);
    }

    @Override
    public MetadataResult catalogs(Principal principal, SessionId session) {
        return MetadataResult.empty(CATALOGS);
    }

    @Override
    public MetadataResult schemas(Principal principal, SessionId session, String catalog, String schemaPattern) {
        return MetadataResult.empty(SCHEMAS);
    }

    @Override
    public MetadataResult tables(
            Principal principal,
            SessionId session,
            String catalog,
            String schemaPattern,
            String tablePattern,
            List<String> types) {
        return MetadataResult.empty(TABLES);
    }

    @Override
    public MetadataResult tableTypes() {
        return MetadataResult.empty(TABLE_TYPES);
    }

    @Override
    public MetadataResult columns(
            Principal principal,
            SessionId session,
            String catalog,
            String schemaPattern,
            String tablePattern,
            String columnPattern) {
        return MetadataResult.empty(COLUMNS);
    }

    @Override
    public MetadataResult functions(
            Principal principal, SessionId session, String catalog, String schemaPattern, String functionPattern) {
        return MetadataResult.empty(FUNCTIONS);
    }

    @Override
    public MetadataResult typeInfo() {
        return MetadataResult.empty(TYPE_INFO);
    }

    @Override
    public MetadataResult primaryKeys(
            Principal principal, SessionId session, String catalog, String schema, String table) {
        return MetadataResult.empty(PRIMARY_KEYS);
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
        return MetadataResult.empty(CROSS_REFERENCE);
    }
}
