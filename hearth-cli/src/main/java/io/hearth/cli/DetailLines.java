package io.hearth.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing's fields as aligned {@code key: value} lines, keys as the REST API names them, so a
 * script can {@code grep '^sha256:'}. Fields without a value are left out.
 */
final class DetailLines {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    DetailLines add(String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
        return this;
    }

    void print(PrintStream out) {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        fields.forEach((key, value) -> out.printf("%-" + width + "s %s%n", key + ":", value));
    }
}
