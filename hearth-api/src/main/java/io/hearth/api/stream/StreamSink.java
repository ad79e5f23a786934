package io.hearth.api.stream;

import java.util.Map;

/**
 * Where a stream writes.
 *
 * @param format {@code memory} (a view in the engine, queryable by the owner's statements), {@code
 *     table} (a Spark catalog table), {@code files} or {@code kafka}
 * @param name for memory, the view's name; for table, the table's name
 * @param path for files: the folder written
 * @param fileFormat for files: {@code parquet} (default), {@code json}, {@code csv} or {@code orc}
 * @param options the sink's Spark options, e.g. {@code kafka.bootstrap.servers} and {@code topic}
 * @param outputMode {@code append} (default), {@code complete} or {@code update}
 */
public record StreamSink(
        String format, String name, String path, String fileFormat, Map<String, String> options, String outputMode) {}
