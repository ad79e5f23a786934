package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of {@code hearth run}: {@code --json '{...}'} and {@code NAME=VALUE} arguments
 * (which win), each value read as its property's JSON type says: {@code integer}, {@code number},
 * {@code boolean}, {@code string}, an array as {@code a,b,c} or a JSON literal, an object as a
 * JSON literal, {@code null} for a nullable property. A value that fits none of its types, or a
 * name the schema does not know, is passed on as a string: the gateway checks every parameter and
 * lists every problem at once.
 */
final class JobParameters {
    private final ParameterSchema schema;
    private final ObjectMapper mapper;

    JobParameters(ParameterSchema schema, ObjectMapper mapper) {
        this.schema = requireNonNull(schema, "schema is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /**
     * @param json a JSON object, or null
     * @param assignments {@code NAME=VALUE} each
     * @throws IllegalArgumentException when {@code json} is not a JSON object or an assignment has
     *     no {@code =}
     */
    Map<String, Object> parse(String json, List<String> assignments) {
        Map<String, Object> parameters = new LinkedHashMap<>(json == null ? Map.of() : object(json));
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        "a parameter is NAME=VALUE, e.g. min_count=2; got '" + assignment + "'");
            }
            String name = assignment.substring(0, equals);
            parameters.put(name, value(schema.find(name), assignment.substring(equals + 1)));
        }
        return parameters;
    }

    private Object value(ParameterSchema.Property property, String text) {
        if (property == null) {
            return text;
        }
        if (property.nullable() && text.equals("null")) {
            return null;
        }
        for (String type : property.types()) {
            Object value = as(type, property.itemTypes(), text);
            if (value != null) {
                return value;
            }
        }
        return text;
    }

    /** The text as this JSON type, or null when it does not fit. */
    private Object as(String type, List<String> itemTypes, String text) {
        String trimmed = text.strip();
        return switch (type) {
            case "string" -> text;
            case "integer" -> integer(trimmed);
            case "number" -> number(trimmed);
            case "boolean" ->
                trimmed.equalsIgnoreCase("true")
                        ? Boolean.TRUE
                        : trimmed.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            case "array" -> trimmed.startsWith("[") ? literal(trimmed) : list(itemTypes, text);
            case "object" -> trimmed.startsWith("{") ? literal(trimmed) : null;
            default -> null;
        };
    }

    private List<Object> list(List<String> itemTypes, String text) {
        List<Object> items = new ArrayList<>();
        if (text.isEmpty()) {
            return items;
        }
        for (String item : text.split(",", -1)) {
            Object value = null;
            for (String type : itemTypes) {
                value = as(type, List.of(), item);
                if (value != null) {
                    break;
                }
            }
            items.add(value == null ? item : value);
        }
        return items;
    }

    private static Object integer(String text) {
        try {
            BigInteger value = new BigInteger(text);
            return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object number(String text) {
        if (text.isEmpty() || !text.toLowerCase(Locale.ROOT).matches("[-+]?[0-9.e+-]+")) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Object literal(String text) {
        try {
            return mapper.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Map<String, Object> object(String json) {
        Object value;
        try {
            value = mapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--json is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("--json must be a JSON object, such as '{\"min_count\": 2}'");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        map.forEach((key, item) -> parameters.put(String.valueOf(key), item));
        return parameters;
    }
}
