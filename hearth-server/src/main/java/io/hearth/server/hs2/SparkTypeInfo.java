package io.hearth.server.hs2;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The types Spark SQL knows, as {@code DatabaseMetaData.getTypeInfo} describes them. */
final class SparkTypeInfo {
    private static final short NULLABLE = (short) DatabaseMetaData.typeNullable;
    private static final short SEARCHABLE = (short) DatabaseMetaData.typeSearchable;
    private static final short NOT_SEARCHABLE = (short) DatabaseMetaData.typePredNone;
    private static final short NO_SCALE = 0;

    private SparkTypeInfo() {}

    /** One row per type, ordered by DATA_TYPE as JDBC asks (the closest match first within a DATA_TYPE). */
    static List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(type("VOID", Types.NULL, null, null, null, null, false, NOT_SEARCHABLE, null, NO_SCALE, null));
        rows.add(type("BOOLEAN", Types.BOOLEAN, null, null, null, null, false, SEARCHABLE, null, NO_SCALE, null));
        rows.add(numeric("TINYINT", Types.TINYINT, 3, null, NO_SCALE));
        rows.add(numeric("SMALLINT", Types.SMALLINT, 5, null, NO_SCALE));
        rows.add(numeric("INT", Types.INTEGER, 10, null, NO_SCALE));
        rows.add(numeric("BIGINT", Types.BIGINT, 19, null, NO_SCALE));
        rows.add(numeric("FLOAT", Types.FLOAT, 7, null, (short) 7));
        rows.add(numeric("DOUBLE", Types.DOUBLE, 15, null, (short) 15));
        rows.add(numeric("DECIMAL", Types.DECIMAL, 38, "precision,scale", (short) 38));
        rows.add(type(
                "STRING", Types.VARCHAR, Integer.MAX_VALUE, "'", "'", null, true, SEARCHABLE, null, NO_SCALE, null));
        rows.add(type(
                "VARCHAR",
                Types.VARCHAR,
                Integer.MAX_VALUE,
                "'",
                "'",
                "length",
                true,
                SEARCHABLE,
                null,
                NO_SCALE,
                null));
        rows.add(type(
                "CHAR", Types.CHAR, Integer.MAX_VALUE, "'", "'", "length", true, SEARCHABLE, null, NO_SCALE, null));
        rows.add(type(
                "BINARY", Types.BINARY, Integer.MAX_VALUE, "X'", "'", null, false, SEARCHABLE, null, NO_SCALE, null));
        rows.add(type("DATE", Types.DATE, 10, "DATE '", "'", null, false, SEARCHABLE, null, NO_SCALE, null));
        rows.add(type(
                "TIMESTAMP", Types.TIMESTAMP, 26, "TIMESTAMP '", "'", null, false, SEARCHABLE, null, NO_SCALE, (short)
                        6));
        rows.add(type(
                "TIMESTAMP_NTZ",
                Types.TIMESTAMP,
                26,
                "TIMESTAMP_NTZ '",
                "'",
                null,
                false,
                SEARCHABLE,
                null,
                NO_SCALE,
                (short) 6));
        rows.add(type("INTERVAL", Types.OTHER, null, "INTERVAL '", "'", null, false, SEARCHABLE, null, NO_SCALE, null));
        rows.add(type("VARIANT", Types.OTHER, null, null, null, null, false, NOT_SEARCHABLE, null, NO_SCALE, null));
        rows.add(type("MAP", Types.JAVA_OBJECT, null, null, null, null, false, NOT_SEARCHABLE, null, NO_SCALE, null));
        rows.add(type("STRUCT", Types.STRUCT, null, null, null, null, false, NOT_SEARCHABLE, null, NO_SCALE, null));
        rows.add(type("ARRAY", Types.ARRAY, null, null, null, null, false, NOT_SEARCHABLE, null, NO_SCALE, null));
        // stable: within one DATA_TYPE the order above (the closest match first) stays
        rows.sort(Comparator.comparingInt(row -> (Integer) row.get(1)));
        return rows;
    }

    private static List<Object> numeric(
            String name, int sqlType, int precision, String createParams, short maximumScale) {
        return type(name, sqlType, precision, null, null, createParams, false, SEARCHABLE, 10, NO_SCALE, maximumScale);
    }

    private static List<Object> type(
            String name,
            int sqlType,
            Integer precision,
            String literalPrefix,
            String literalSuffix,
            String createParams,
            boolean caseSensitive,
            short searchable,
            Integer radix,
            short minimumScale,
            Short maximumScale) {
        List<Object> row = new ArrayList<>(18);
        row.add(name); // TYPE_NAME
        row.add(sqlType); // DATA_TYPE
        row.add(precision); // PRECISION
        row.add(literalPrefix); // LITERAL_PREFIX
        row.add(literalSuffix); // LITERAL_SUFFIX
        row.add(createParams); // CREATE_PARAMS
        row.add(NULLABLE); // NULLABLE
        row.add(caseSensitive); // CASE_SENSITIVE
        row.add(searchable); // SEARCHABLE
        row.add(false); // UNSIGNED_ATTRIBUTE: Spark's numbers are signed
        row.add(false); // FIXED_PREC_SCALE
        row.add(false); // AUTO_INCREMENT
        row.add(null); // LOCAL_TYPE_NAME
        row.add(minimumScale); // MINIMUM_SCALE
        row.add(maximumScale == null ? NO_SCALE : maximumScale); // MAXIMUM_SCALE
        row.add(null); // SQL_DATA_TYPE (unused)
        row.add(null); // SQL_DATETIME_SUB (unused)
        row.add(radix); // NUM_PREC_RADIX
        return row;
    }
}
