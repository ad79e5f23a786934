package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import java.sql.Types;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's Spark type, as {@code DESCRIBE TABLE} prints it ({@code decimal(10,2)}, {@code
 * varchar(20)}, {@code array<string>}, {@code string collate UTF8_LCASE}, {@code interval day to
 * second}), with what JDBC's {@code getColumns} says about it. The mapping follows HiveServer2's:
 * STRING is VARCHAR, MAP is JAVA_OBJECT, intervals and VARIANT are OTHER; COLUMN_SIZE is the
 * precision of a number, the length in characters of text (and of a date or timestamp's text
 * form), unknown (null) for nested values and anything without a size.
 *
 * @param typeName the type as Spark prints it (TYPE_NAME)
 * @param sqlType a {@link Types} constant (DATA_TYPE)
 * @param columnSize COLUMN_SIZE, or null when not applicable
 * @param decimalDigits DECIMAL_DIGITS, or null when not applicable
 * @param radix NUM_PREC_RADIX (10 for numbers), or null when not applicable
 */
record SparkColumnType(String typeName, int sqlType, Integer columnSize, Integer decimalDigits, Integer radix) {
    private static final Pattern NAME =
            Pattern.compile("\\s*([A-Za-z_]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");
    /** The text of a microsecond timestamp: {@code 2024-02-29 12:34:56.123456}. */
    private static final int TIMESTAMP_CHARACTERS = 26;

    private static final int DATE_CHARACTERS = 10;

    SparkColumnType {
        requireNonNull(typeName, "typeName is null");
    }

    /** What JDBC says about a column of the Spark type {@code typeName}. */
    static SparkColumnType of(String typeName) {
        requireNonNull(typeName, "typeName is null");
        Matcher matcher = NAME.matcher(typeName);
        if (!matcher.lookingAt()) {
            return new SparkColumnType(typeName, Types.OTHER, null, null, null);
        }
        String name = matcher.group(1).toLowerCase(Locale.ROOT);
        Integer first = matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2));
        Integer second = matcher.group(3) == null ? null : Integer.valueOf(matcher.group(3));
        return switch (name) {
            case "boolean" -> new SparkColumnType(typeName, Types.BOOLEAN, null, null, null);
            case "tinyint", "byte" -> numeric(typeName, Types.TINYINT, 3, 0);
            case "smallint", "short" -> numeric(typeName, Types.SMALLINT, 5, 0);
            case "int", "integer" -> numeric(typeName, Types.INTEGER, 10, 0);
            case "bigint", "long" -> numeric(typeName, Types.BIGINT, 19, 0);
            case "float", "real" -> numeric(typeName, Types.FLOAT, 7, 7);
            case "double" -> numeric(typeName, Types.DOUBLE, 15, 15);
            // DECIMAL alone is decimal(10,0) in Spark
            case "decimal", "dec", "numeric" ->
                numeric(typeName, Types.DECIMAL, first == null ? 10 : first, second == null ? 0 : second);
            case "string" -> new SparkColumnType(typeName, Types.VARCHAR, Integer.MAX_VALUE, null, null);
            case "varchar" -> new SparkColumnType(typeName, Types.VARCHAR, first, null, null);
            case "char", "character" -> new SparkColumnType(typeName, Types.CHAR, first, null, null);
            case "binary" -> new SparkColumnType(typeName, Types.BINARY, Integer.MAX_VALUE, null, null);
            case "date" -> new SparkColumnType(typeName, Types.DATE, DATE_CHARACTERS, null, null);
            case "timestamp", "timestamp_ltz", "timestamp_ntz" ->
                new SparkColumnType(typeName, Types.TIMESTAMP, TIMESTAMP_CHARACTERS, 6, null);
            case "array" -> new SparkColumnType(typeName, Types.ARRAY, null, null, null);
            case "map" -> new SparkColumnType(typeName, Types.JAVA_OBJECT, null, null, null);
            case "struct" -> new SparkColumnType(typeName, Types.STRUCT, null, null, null);
            case "void" -> new SparkColumnType(typeName, Types.NULL, null, null, null);
            default -> new SparkColumnType(typeName, Types.OTHER, null, null, null);
        };
    }

    private static SparkColumnType numeric(String typeName, int sqlType, int precision, int scale) {
        return new SparkColumnType(typeName, sqlType, precision, scale, 10);
    }
}
