package io.hearth.server.stream;

import io.hearth.api.HearthException;
import io.hearth.api.stream.StreamRequest;
import io.hearth.api.stream.StreamSink;
import io.hearth.api.stream.StreamSource;
import io.hearth.api.stream.StreamTrigger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a stream request, naming the field that is wrong, and fills in its defaults. What only
 * Spark can judge (the SQL, a source's options) is judged by the engine when the stream starts.
 */
final class StreamRequests {
    static final int MAX_STATEMENT_LENGTH = 1_000_000;
    static final Set<String> SOURCES = Set.of("rate", "files", "kafka");
    static final Set<String> SINKS = Set.of("memory", "table", "files", "kafka");
    static final Set<String> SOURCE_FILE_FORMATS = Set.of("csv", "json", "parquet", "orc", "text");
    static final Set<String> SINK_FILE_FORMATS = Set.of("csv", "json", "parquet", "orc");
    static final Set<String> OUTPUT_MODES = Set.of("append", "complete", "update");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern TABLE =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,127}\\.)?[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern INTERVAL = Pattern.compile(
            "\\s*(\\d{1,9})\\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Duration MAX_INTERVAL = Duration.ofDays(1);

    private StreamRequests() {}

    /**
     * @param checkpointDirectory where the checkpoint goes when the request names none (a folder of
     *     the stream's id under it)
     */
    static StreamSpec validate(StreamRequest request, StreamId id, Path checkpointDirectory) {
        if (request.name() != null && !NAME.matcher(request.name()).matches()) {
            throw HearthException.invalidField(
                    "name", "name must be 1 to 128 letters, digits, '_', '.' or '-', not \"" + request.name() + "\"");
        }
        StreamSource source = source(request.source());
        String statement = request.statement();
        if (statement == null || statement.isBlank()) {
            throw HearthException.invalidField(
                    "statement", "statement is required: SQL over the view input, such as SELECT * FROM input");
        }
        if (statement.length() > MAX_STATEMENT_LENGTH) {
            throw HearthException.invalidField(
                    "statement", "statement is longer than " + MAX_STATEMENT_LENGTH + " characters");
        }
        StreamSink sink = sink(request.sink());
        StreamTrigger trigger = request.trigger() == null ? new StreamTrigger(null, false) : request.trigger();
        boolean availableNow = Boolean.TRUE.equals(trigger.availableNow());
        long processingTimeMillis = 0;
        if (trigger.processingTime() != null) {
            if (availableNow) {
                throw HearthException.invalidField(
                        "trigger", "trigger takes processing_time or available_now, not both");
            }
            processingTimeMillis = interval(trigger.processingTime()).toMillis();
        }
        String queryName = "memory".equals(sink.format()) ? sink.name() : request.name();
        return new StreamSpec(
                source,
                statement,
                sink,
                new StreamTrigger(trigger.processingTime(), availableNow),
                queryName,
                processingTimeMillis,
                availableNow,
                checkpoint(request.checkpoint(), checkpointDirectory.resolve(id.value())));
    }

    private static StreamSource source(StreamSource source) {
        if (source == null) {
            throw HearthException.invalidField("source", "source is required, such as {\"format\": \"rate\"}");
        }
        String format = oneOf("source.format", source.format(), SOURCES);
        Map<String, String> options = options("source.options", source.options());
        if (!"files".equals(format)) {
            if (source.path() != null || source.fileFormat() != null || source.schema() != null) {
                throw HearthException.invalidField(
                        "source", "path, file_format and schema are for the files source only, not " + format);
            }
            return new StreamSource(format, options, null, null, null);
        }
        String path = absolutePath("source.path", source.path());
        String fileFormat = source.fileFormat() == null
                ? "json"
                : oneOf("source.file_format", source.fileFormat(), SOURCE_FILE_FORMATS);
        if (!"text".equals(fileFormat)
                && (source.schema() == null || source.schema().isBlank())) {
            throw HearthException.invalidField(
                    "source.schema",
                    "source.schema is required for " + fileFormat + " files: DDL such as id BIGINT, name STRING");
        }
        return new StreamSource(format, options, path, fileFormat, source.schema());
    }

    private static StreamSink sink(StreamSink sink) {
        if (sink == null) {
            throw HearthException.invalidField(
                    "sink", "sink is required, such as {\"format\": \"memory\", \"name\": \"counts\"}");
        }
        String format = oneOf("sink.format", sink.format(), SINKS);
        Map<String, String> options = options("sink.options", sink.options());
        String outputMode =
                sink.outputMode() == null ? "append" : oneOf("sink.output_mode", sink.outputMode(), OUTPUT_MODES);
        String name = null;
        String path = null;
        String fileFormat = null;
        switch (format) {
            case "memory" -> name = named("sink.name", sink.name(), IDENTIFIER, "a view name such as counts");
            case "table" -> name = named("sink.name", sink.name(), TABLE, "a table name such as db.counts");
            case "files" -> {
                path = absolutePath("sink.path", sink.path());
                fileFormat = sink.fileFormat() == null
                        ? "parquet"
                        : oneOf("sink.file_format", sink.fileFormat(), SINK_FILE_FORMATS);
            }
            default -> {
                // kafka: everything is in options (kafka.bootstrap.servers, topic)
            }
        }
        if (!"files".equals(format) && (sink.path() != null || sink.fileFormat() != null)) {
            throw HearthException.invalidField(
                    "sink", "path and file_format are for the files sink only, not " + format);
        }
        if (("files".equals(format) || "kafka".equals(format)) && sink.name() != null) {
            throw HearthException.invalidField("sink.name", "sink.name is for the memory and table sinks only");
        }
        return new StreamSink(format, name, path, fileFormat, options, outputMode);
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        String lower = value == null ? null : value.toLowerCase(Locale.ROOT);
        if (lower == null || !allowed.contains(lower)) {
            throw HearthException.invalidField(
                    field,
                    field + " must be one of " + new java.util.TreeSet<>(allowed)
                            + (value == null ? "" : ", not \"" + value + "\""));
        }
        return lower;
    }

    private static Map<String, String> options(String field, Map<String, String> options) {
        if (options == null) {
            return Map.of();
        }
        Map<String, String> sorted = new TreeMap<>();
        options.forEach((key, value) -> {
            if (key.isBlank() || value == null) {
                throw HearthException.invalidField(
                        field + "." + key, "options must be non-empty names with string values");
            }
            if (key.equalsIgnoreCase("checkpointLocation") || key.equalsIgnoreCase("path")) {
                throw HearthException.invalidField(
                        field + "." + key, key + " is not an option here: use the request's checkpoint or path");
            }
            sorted.put(key, value);
        });
        return sorted;
    }

    private static String named(String field, String value, Pattern pattern, String example) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw HearthException.invalidField(
                    field, field + " must be " + example + (value == null ? "" : ", not \"" + value + "\""));
        }
        return value;
    }

    private static String absolutePath(String field, String value) {
        if (value == null || value.isBlank()) {
            throw HearthException.invalidField(field, field + " is required: a folder on the engine's file system");
        }
        if (value.contains("://")) {
            return value; // hdfs://, s3a://: Spark's to judge
        }
        try {
            Path path = Path.of(value);
            if (!path.isAbsolute()) {
                throw HearthException.invalidField(field, field + " must be an absolute path, not \"" + value + "\"");
            }
            return path.normalize().toString();
        } catch (InvalidPathException e) {
            throw HearthException.invalidField(field, field + " is not a path: " + e.getMessage());
        }
    }

    private static String checkpoint(String requested, Path defaultPath) {
        return requested == null ? defaultPath.toAbsolutePath().toString() : absolutePath("checkpoint", requested);
    }

    /** "5 seconds", "500 ms", "1 minute": Spark's interval words, in whole units. */
    static Duration interval(String text) {
        Matcher matcher = INTERVAL.matcher(text);
        if (!matcher.matches()) {
            throw HearthException.invalidField(
                    "trigger.processing_time",
                    "trigger.processing_time must be an interval such as \"5 seconds\" or \"500 milliseconds\", not \""
                            + text + "\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2).toLowerCase(Locale.ROOT);
        Duration interval;
        if (unit.equals("ms") || unit.startsWith("milli")) {
            interval = Duration.ofMillis(amount);
        } else if (unit.startsWith("s")) {
            interval = Duration.ofSeconds(amount);
        } else if (unit.startsWith("m")) {
            interval = Duration.ofMinutes(amount);
        } else {
            interval = Duration.ofHours(amount);
        }
        if (interval.compareTo(MAX_INTERVAL) > 0) {
            throw HearthException.invalidField("trigger.processing_time", "trigger.processing_time is over one day");
        }
        return interval;
    }
}
