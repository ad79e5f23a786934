package io.hearth.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw key/value settings with typed readers. Remembers which keys were read, so keys nobody reads
 * (typos, removed settings) stop start-up.
 */
final class ConfigSource {
    /** A whole value that names where the real one lives: {@code ${env:NAME}} or {@code ${file:/path}}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final Set<String> read = new HashSet<>();
    private final Map<String, String> environment;
    private final Set<String> environmentRead = new HashSet<>();
    private final Map<String, String> processEnvironment;
    /** Every key read, in reading order: how it is read and its default (the reference in docs/operations.md). */
    private final Map<String, ConfigKey> keysRead = new LinkedHashMap<>();

    /**
     * @param values settings from the configuration file and the command line (the command line
     *     wins over the environment)
     * @param origins where each setting came from, for messages
     * @param environment {@code HEARTH_*} variables; {@code HEARTH_ENGINE_START_TIMEOUT} overrides
     *     {@code engine.start-timeout} from the file
     * @param processEnvironment every variable of the process, for {@code ${env:NAME}} references
     */
    ConfigSource(
            Map<String, String> values,
            Map<String, String> origins,
            Map<String, String> environment,
            Map<String, String> processEnvironment) {
        this.values = new HashMap<>(values);
        this.origins = new HashMap<>(origins);
        this.environment = Map.copyOf(environment);
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    Optional<String> string(String key) {
        describe(key, ConfigKey.Kind.TEXT, null, true);
        read.add(key);
        String variable = environmentVariable(key);
        if (environment.containsKey(variable)) {
            environmentRead.add(variable);
            if (!origins.getOrDefault(key, "").equals(ConfigLoader.COMMAND_LINE)) {
                values.put(key, environment.get(variable));
                origins.put(key, "environment variable " + variable);
            }
        }
        return Optional.ofNullable(values.get(key))
                .map(String::trim)
                .map(value -> resolve(key, value))
                .filter(value -> !value.isEmpty());
    }

    /**
     * The value a {@code ${env:NAME}} or {@code ${file:/path}} reference points to (trimmed), so
     * secrets need not sit in the file; anything else as written. Messages name the key and the
     * reference, never the secret.
     */
    private String resolve(String key, String value) {
        Matcher reference = REFERENCE.matcher(value);
        if (!reference.matches()) {
            return value;
        }
        String target = reference.group(2).trim();
        if (reference.group(1).equals("env")) {
            String found = processEnvironment.get(target);
            if (found == null) {
                throw new ConfigException(key + " (from " + origin(key) + ") refers to environment variable " + target
                        + ", which is not set");
            }
            return found.trim();
        }
        try {
            return Files.readString(Path.of(target), StandardCharsets.UTF_8).trim();
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(key + " (from " + origin(key) + ") refers to file " + target
                    + ", which cannot be read: " + e.getMessage());
        }
    }

    static String environmentVariable(String key) {
        return "HEARTH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    String string(String key, String defaultValue) {
        describe(key, ConfigKey.Kind.TEXT, defaultValue, false);
        return string(key).orElse(defaultValue);
    }

    /** A comma-separated list, trimmed, without empty items; empty when the key is not set. */
    List<String> list(String key) {
        describe(key, ConfigKey.Kind.LIST, "", false);
        return string(key)
                .map(text -> Arrays.stream(text.split(","))
                        .map(String::trim)
                        .filter(item -> !item.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        describe(key, ConfigKey.Kind.CHOICE, defaultValue.name(), false, Arrays.toString(type.getEnumConstants()));
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, text.get().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(key, "one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    int integer(String key, int defaultValue) {
        describe(key, ConfigKey.Kind.INTEGER, Integer.toString(defaultValue), false);
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw invalid(key, "an integer");
        }
    }

    boolean bool(String key, boolean defaultValue) {
        describe(key, ConfigKey.Kind.BOOLEAN, Boolean.toString(defaultValue), false);
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(key, "true or false");
        };
    }

    Duration duration(String key, Duration defaultValue) {
        describe(key, ConfigKey.Kind.DURATION, ConfigKey.duration(defaultValue), false);
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        return Durations.parse(text.get())
                .orElseThrow(() -> invalid(key, "a duration such as 500ms, 30s, 5m, 24h or 7d"));
    }

    long bytes(String key, long defaultValue) {
        describe(key, ConfigKey.Kind.SIZE, ConfigKey.size(defaultValue), false);
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        Matcher matcher = SIZE.matcher(text.get());
        if (!matcher.matches()) {
            throw invalid(key, "a size such as 1048576, 512k, 8m or 4g");
        }
        long amount = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return amount << shift;
    }

    /**
     * A limit: a count (or with {@code bytes}, a size such as 10g), or {@code unlimited} for {@code
     * unlimitedValue}; at least 1.
     */
    long limit(String key, long defaultValue, boolean bytes, long unlimitedValue) {
        describe(
                key,
                bytes ? ConfigKey.Kind.SIZE_LIMIT : ConfigKey.Kind.COUNT_LIMIT,
                defaultValue == unlimitedValue
                        ? "unlimited"
                        : bytes ? ConfigKey.size(defaultValue) : Long.toString(defaultValue),
                false);
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        if (text.get().equalsIgnoreCase("unlimited")) {
            return unlimitedValue;
        }
        long value;
        if (bytes) {
            value = bytes(key, defaultValue);
        } else {
            try {
                value = Long.parseLong(text.get());
            } catch (NumberFormatException e) {
                throw invalid(key, "a whole number or unlimited");
            }
        }
        if (value < 1) {
            throw invalid(key, "at least 1, or unlimited");
        }
        return value;
    }

    /** Every key under a prefix, without the prefix (e.g. {@code engine.conf.}). */
    Map<String, String> withPrefix(String prefix) {
        describe(prefix + "*", ConfigKey.Kind.FAMILY, null, false);
        Map<String, String> found = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                read.add(key);
                found.put(key.substring(prefix.length()), value.trim());
            }
        });
        return found;
    }

    private void describe(String key, ConfigKey.Kind kind, String defaultValue, boolean bare) {
        describe(key, kind, defaultValue, bare, null);
    }

    /**
     * Notes how a key is read; a typed read replaces a bare {@link #string(String)} of the same
     * key (a presence check before the real read), and the first typed read of a key counts.
     */
    private void describe(String key, ConfigKey.Kind kind, String defaultValue, boolean bare, String choices) {
        ConfigKey known = keysRead.get(key);
        if (known == null || (known.bare() && !bare)) {
            keysRead.put(key, new ConfigKey(key, kind, Optional.ofNullable(defaultValue), choices, bare));
        }
    }

    /** Every key read so far (prefix families as {@code prefix.*}), in the order they were read. */
    List<ConfigKey> keysRead() {
        return List.copyOf(keysRead.values());
    }

    /** Fails naming the first key (or HEARTH_ variable) that was set but never read. */
    void requireAllRead(Set<String> reservedVariables) {
        new TreeMap<>(environment)
                .keySet().stream()
                        .filter(variable ->
                                !environmentRead.contains(variable) && !reservedVariables.contains(variable))
                        .findFirst()
                        .ifPresent(variable -> {
                            throw new ConfigException("unknown configuration environment variable " + variable);
                        });
        new TreeMap<>(values)
                .keySet().stream()
                        .filter(key -> !read.contains(key))
                        .findFirst()
                        .ifPresent(key -> {
                            throw new ConfigException(
                                    "unknown configuration key \"" + key + "\" (from " + origin(key) + ")");
                        });
    }

    ConfigException invalid(String key, String expected) {
        return new ConfigException("invalid value \"" + values.get(key) + "\" for " + key + " (from " + origin(key)
                + "): expected " + expected);
    }

    String origin(String key) {
        return origins.getOrDefault(key, "defaults");
    }
}
