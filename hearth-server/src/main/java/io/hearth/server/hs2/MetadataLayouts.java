package io.hearth.server.hs2;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of each metadata answer, named, ordered and typed as {@code java.sql.DatabaseMetaData}
 * documents them (and HiveServer2 answers them), so the Hive JDBC driver and BI tools read them by
 * name or by position.
 */
final class MetadataLayouts {
    static final List<MetadataColumn> CATALOGS = columns("TABLE_CAT", Types.VARCHAR);

    static final List<MetadataColumn> SCHEMAS = columns("TABLE_SCHEM", Types.VARCHAR, "TABLE_CATALOG", Types.VARCHAR);

    static final List<MetadataColumn> TABLES = columns(
            "TABLE_CAT", Types.VARCHAR,
            "TABLE_SCHEM", Types.VARCHAR,
            "TABLE_NAME", Types.VARCHAR,
            "TABLE_TYPE", Types.VARCHAR,
            "REMARKS", Types.VARCHAR,
            "TYPE_CAT", Types.VARCHAR,
            "TYPE_SCHEM", Types.VARCHAR,
            "TYPE_NAME", Types.VARCHAR,
            "SELF_REFERENCING_COL_NAME", Types.VARCHAR,
            "REF_GENERATION", Types.VARCHAR);

    static final List<MetadataColumn> TABLE_TYPES = columns("TABLE_TYPE", Types.VARCHAR);

    static final List<MetadataColumn> COLUMNS = columns(
            "TABLE_CAT", Types.VARCHAR,
            "TABLE_SCHEM", Types.VARCHAR,
            "TABLE_NAME", Types.VARCHAR,
            "COLUMN_NAME", Types.VARCHAR,
            "DATA_TYPE", Types.INTEGER,
            "TYPE_NAME", Types.VARCHAR,
            "COLUMN_SIZE", Types.INTEGER,
            "BUFFER_LENGTH", Types.INTEGER,
            "DECIMAL_DIGITS", Types.INTEGER,
            "NUM_PREC_RADIX", Types.INTEGER,
            "NULLABLE", Types.INTEGER,
            "REMARKS", Types.VARCHAR,
            "COLUMN_DEF", Types.VARCHAR,
            "SQL_DATA_TYPE", Types.INTEGER,
            "SQL_DATETIME_SUB", Types.INTEGER,
            "CHAR_OCTET_LENGTH", Types.INTEGER,
            "ORDINAL_POSITION", Types.INTEGER,
            "IS_NULLABLE", Types.VARCHAR,
            "SCOPE_CATALOG", Types.VARCHAR,
            "SCOPE_SCHEMA", Types.VARCHAR,
            "SCOPE_TABLE", Types.VARCHAR,
            "SOURCE_DATA_TYPE", Types.SMALLINT,
            "IS_AUTOINCREMENT", Types.VARCHAR,
            "IS_GENERATEDCOLUMN", Types.VARCHAR);

    static final List<MetadataColumn> FUNCTIONS = columns(
            "FUNCTION_CAT", Types.VARCHAR,
            "FUNCTION_SCHEM", Types.VARCHAR,
            "FUNCTION_NAME", Types.VARCHAR,
            "REMARKS", Types.VARCHAR,
            "FUNCTION_TYPE", Types.SMALLINT,
            "SPECIFIC_NAME", Types.VARCHAR);

    static final List<MetadataColumn> TYPE_INFO = columns(
            "TYPE_NAME", Types.VARCHAR,
            "DATA_TYPE", Types.INTEGER,
            "PRECISION", Types.INTEGER,
            "LITERAL_PREFIX", Types.VARCHAR,
            "LITERAL_SUFFIX", Types.VARCHAR,
            "CREATE_PARAMS", Types.VARCHAR,
            "NULLABLE", Types.SMALLINT,
            "CASE_SENSITIVE", Types.BOOLEAN,
            "SEARCHABLE", Types.SMALLINT,
            "UNSIGNED_ATTRIBUTE", Types.BOOLEAN,
            "FIXED_PREC_SCALE", Types.BOOLEAN,
            "AUTO_INCREMENT", Types.BOOLEAN,
            "LOCAL_TYPE_NAME", Types.VARCHAR,
            "MINIMUM_SCALE", Types.SMALLINT,
            "MAXIMUM_SCALE", Types.SMALLINT,
            "SQL_DATA_TYPE", Types.INTEGER,
            "SQL_DATETIME_SUB", Types.INTEGER,
            "NUM_PREC_RADIX", Types.INTEGER);

    static final List<MetadataColumn> PRIMARY_KEYS = columns(
            "TABLE_CAT", Types.VARCHAR,
            "TABLE_SCHEM", Types.VARCHAR,
            "TABLE_NAME", Types.VARCHAR,
            "COLUMN_NAME", Types.VARCHAR,
            "KEY_SEQ", Types.SMALLINT,
            "PK_NAME", Types.VARCHAR);

    static final List<MetadataColumn> CROSS_REFERENCE = columns(
            "PKTABLE_CAT", Types.VARCHAR,
            "PKTABLE_SCHEM", Types.VARCHAR,
            "PKTABLE_NAME", Types.VARCHAR,
            "PKCOLUMN_NAME", Types.VARCHAR,
            "FKTABLE_CAT", Types.VARCHAR,
            "FKTABLE_SCHEM", Types.VARCHAR,
            "FKTABLE_NAME", Types.VARCHAR,
            "FKCOLUMN_NAME", Types.VARCHAR,
            "KEY_SEQ", Types.SMALLINT,
            "UPDATE_RULE", Types.SMALLINT,
            "DELETE_RULE", Types.SMALLINT,
            "FK_NAME", Types.VARCHAR,
            "PK_NAME", Types.VARCHAR,
            "DEFERRABILITY", Types.SMALLINT);

    private MetadataLayouts() {}

    /** Columns from pairs of name and {@link Types} constant. */
    private static List<MetadataColumn> columns(Object... namesAndTypes) {
        List<MetadataColumn> columns = new ArrayList<>(namesAndTypes.length / 2);
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            columns.add(new MetadataColumn((String) namesAndTypes[i], (Integer) namesAndTypes[i + 1]));
        }
        return List.copyOf(columns);
    }
}
