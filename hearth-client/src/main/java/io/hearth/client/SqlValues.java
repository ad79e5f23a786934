package io.hearth.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns JSON values, as the gateway renders them (docs/api.md, "JSON values"), into Java values
 * by the column's Spark SQL type name ({@code BIGINT}, {@code DECIMAL(10,2)}, {@code
 * ARRAY<STRUCT<`a`: INT>>} ...). A type it does not know keeps the JSON value as it is.
 */
final class SqlValues {
    private SqlValues() {}

    /** A converter for values of a column of this type; null stays null. */
    static Function<Object, Object> converter(String sqlType) {
        Function<Object, Object> converter = nonNull(withoutConstraints(sqlType.trim()));
        return value -> value == null ? null : converter.apply(value);
    }

    private static Function<Object, Object> nonNull(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        if (upper.startsWith("ARRAY<") && upper.endsWith(">")) {
            Function<Object, Object> element = converter(inner(type));
            return value -> ((List<?>) value).stream().map(element).toList();
        }
        if (upper.startsWith("MAP<") && upper.endsWith(">")) {
            List<String> parts = splitTopLevel(inner(type));
            Function<Object, Object> key = converter(parts.get(0));
            Function<Object, Object> entry = converter(parts.size() > 1 ? parts.get(1) : "");
            return value -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> map.put(key.apply(k), entry.apply(v)));
                return map;
            };
        }
        if (upper.startsWith("STRUCT<") && upper.endsWith(">")) {
            Map<String, Function<Object, Object>> fields = new LinkedHashMap<>();
            for (String field : splitTopLevel(inner(type))) {
                int colon = fieldColon(field);
                if (colon > 0) {
                    fields.put(fieldName(field.substring(0, colon)), converter(field.substring(colon + 1)));
                }
            }
            return value -> {
                Map<String, Object> struct = new LinkedHashMap<>();
                ((Map<?, ?>) value)
                        .forEach((name, v) -> struct.put(
                                (String) name,
                                fields.getOrDefault((String) name, Function.identity())
                                        .apply(v)));
                return struct;
            };
        }
        if (upper.startsWith("DECIMAL") || upper.startsWith("NUMERIC")) {
            return value -> new BigDecimal(value.toString());
        }
        if (upper.startsWith("INTERVAL")) {
            boolean yearMonth = !upper.contains("DAY")
                    && !upper.contains("HOUR")
                    && !upper.contains("MINUTE")
                    && !upper.contains("SECOND");
            return yearMonth ? value -> Period.parse(value.toString()) : value -> Duration.parse(value.toString());
        }
        if (upper.startsWith("STRING") || upper.startsWith("VARCHAR") || upper.startsWith("CHAR")) {
            return value -> value.toString();
        }
        switch (upper) {
            case "BOOLEAN":
                return value -> value instanceof Boolean ? value : Boolean.valueOf(value.toString());
            case "TINYINT", "BYTE":
                return value -> value instanceof Number n ? n.byteValue() : Byte.valueOf(value.toString());
            case "SMALLINT", "SHORT":
                return value -> value instanceof Number n ? n.shortValue() : Short.valueOf(value.toString());
            case "INT", "INTEGER":
                return value -> value instanceof Number n ? n.intValue() : Integer.valueOf(value.toString());
            case "BIGINT", "LONG":
                return value -> value instanceof Number n ? n.longValue() : Long.valueOf(value.toString());
            case "FLOAT", "REAL":
                // NaN and the infinities arrive as the strings "NaN", "Infinity", "-Infinity"
                return value -> value instanceof Number n ? n.floatValue() : Float.valueOf(value.toString());
            case "DOUBLE":
                return value -> value instanceof Number n ? n.doubleValue() : Double.valueOf(value.toString());
            case "BINARY":
                return value -> Base64.getDecoder().decode(value.toString());
            case "DATE":
                return value -> LocalDate.parse(value.toString());
            case "TIMESTAMP", "TIMESTAMP_LTZ":
                return value -> Instant.parse(value.toString());
            case "TIMESTAMP_NTZ":
                return value -> LocalDateTime.parse(value.toString());
            case "VOID", "NULL":
                return value -> null;
            default:
                return Function.identity();
        }
    }

    /** A struct field's type without its {@code NOT NULL} and {@code COMMENT '...'}. */
    private static String withoutConstraints(String type) {
        int depth = 0;
        String upper = type.toUpperCase(Locale.ROOT);
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (depth == 0 && (upper.startsWith(" NOT NULL", i) || upper.startsWith(" COMMENT ", i))) {
                return type.substring(0, i);
            }
        }
        return type;
    }

    private static String inner(String type) {
        return type.substring(type.indexOf('<') + 1, type.length() - 1);
    }

    /** Splits at commas outside angle brackets, parentheses and backticks. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            } else if (!quoted && (c == '<' || c == '(')) {
                depth++;
            } else if (!quoted && (c == '>' || c == ')')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).trim());
        return parts;
    }

    /** The colon between a struct field's name and its type, outside backticks. */
    private static int fieldColon(String field) {
        boolean quoted = false;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** A field name as Spark writes it: {@code `a b`} with {@code ``} for a backtick, or bare. */
    private static String fieldName(String text) {
        String name = text.trim();
        if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
            return name.substring(1, name.length() - 1).replace("``", "`");
        }
        return name;
    }
}
