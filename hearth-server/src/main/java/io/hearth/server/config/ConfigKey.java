package io.hearth.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * One configuration key as {@link ConfigLoader} reads it: its kind and default, for the generated
 * reference in docs/operations.md.
 *
 * @param name the key, or a prefix family such as {@code engine.conf.*}
 * @param defaultValue the default as the configuration file would write it; empty when the key is
 *     unset by default
 * @param choices the allowed values of a {@link Kind#CHOICE}, or null
 * @param bare read only as optional text (no typed read seen)
 */
record ConfigKey(String name, Kind kind, Optional<String> defaultValue, String choices, boolean bare) {
    ConfigKey {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(defaultValue, "defaultValue is null");
    }

    enum Kind {
        TEXT("text"),
        LIST("comma-separated list"),
        CHOICE("one of"),
        INTEGER("integer"),
        BOOLEAN("true or false"),
        DURATION("duration (500ms, 30s, 5m, 24h, 7d)"),
        SIZE("size (1048576, 512k, 8m, 4g)"),
        COUNT_LIMIT("whole number or unlimited"),
        SIZE_LIMIT("size or unlimited"),
        FAMILY("keys under this prefix");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        String words() {
            return words;
        }
    }

    /** What values the key takes, in words. */
    String kindInWords() {
        return kind == Kind.CHOICE ? "one of " + choices.substring(1, choices.length() - 1) : kind.words();
    }

    /** A duration as the configuration would write it ({@code 30m}, not {@code PT30M}). */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (millis % units[i] == 0) {
                return millis / units[i] + names[i];
            }
        }
        return millis + "ms";
    }

    /** A byte count as the configuration would write it ({@code 8m} for 8388608). */
    static String size(long bytes) {
        String[] names = {"t", "g", "m", "k"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < shifts.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + names[i];
            }
        }
        return Long.toString(bytes);
    }
}
