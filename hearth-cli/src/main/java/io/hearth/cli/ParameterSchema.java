package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The parameters of a function as its JSON Schema (the gateway's {@code parameters_schema})
 * describes them, read only as far as the command line needs: names, JSON types, array item types,
 * whether required, and a few constraints to show. The gateway checks the parameters in full.
 */
record ParameterSchema(List<Property> properties) {
    ParameterSchema {
        properties = List.copyOf(properties);
    }

    /**
     * One property.
     *
     * @param types its JSON types without {@code null} ({@code integer}, {@code string} ...);
     *     empty when the schema does not say
     * @param nullable whether {@code null} is one of its types
     * @param itemTypes an array's item types, else empty
     * @param constraints what else the schema says, for a person ({@code minimum 0}, {@code one of
     *     a, b})
     */
    record Property(
            String name,
            List<String> types,
            boolean nullable,
            List<String> itemTypes,
            boolean required,
            String constraints) {
        Property {
            requireNonNull(name, "name is null");
            types = List.copyOf(types);
            itemTypes = List.copyOf(itemTypes);
            requireNonNull(constraints, "constraints is null");
        }

        /** The type for a person: {@code integer}, {@code array<string>}, {@code string|null}. */
        String typeText() {
            List<String> shown = new ArrayList<>();
            for (String type : types.isEmpty() ? List.of("any") : types) {
                shown.add(
                        type.equals("array") && !itemTypes.isEmpty()
                                ? "array<" + String.join("|", itemTypes) + ">"
                                : type);
            }
            if (nullable) {
                shown.add("null");
            }
            return String.join("|", shown);
        }
    }

    static ParameterSchema of(Map<String, Object> schema) {
        List<String> required = strings(schema.get("required"));
        List<Property> properties = new ArrayList<>();
        if (schema.get("properties") instanceof Map<?, ?> declared) {
            for (Map.Entry<?, ?> entry : declared.entrySet()) {
                String name = String.valueOf(entry.getKey());
                Map<?, ?> property = entry.getValue() instanceof Map<?, ?> map ? map : Map.of();
                List<String> types = strings(property.get("type"));
                List<String> itemTypes = property.get("items") instanceof Map<?, ?> items
                        ? strings(items.get("type")).stream()
                                .filter(type -> !type.equals("null"))
                                .toList()
                        : List.of();
                properties.add(new Property(
                        name,
                        types.stream().filter(type -> !type.equals("null")).toList(),
                        types.contains("null"),
                        itemTypes,
                        required.contains(name),
                        constraints(property)));
            }
        }
        return new ParameterSchema(properties);
    }

    Property find(String name) {
        return properties.stream()
                .filter(property -> property.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static String constraints(Map<?, ?> property) {
        StringJoiner text = new StringJoiner(", ");
        if (property.get("enum") instanceof List<?> values) {
            StringJoiner choices = new StringJoiner(", ", "one of ", "");
            values.forEach(value -> choices.add(String.valueOf(value)));
            text.add(choices.toString());
        }
        for (String keyword : List.of("minimum", "maximum", "minLength", "maxLength", "pattern")) {
            if (property.containsKey(keyword)) {
                text.add(keyword + " " + property.get(keyword));
            }
        }
        if (property.get("description") instanceof String description) {
            text.add(description);
        }
        return text.toString();
    }

    /** A schema keyword that is a string or a list of strings, as a list. */
    private static List<String> strings(Object value) {
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
