package io.hearth.api.stream;

import java.util.Map;

/**
 * What a stream reads.
 *
 * @param format {@code rate}, {@code files} or {@code kafka}
 * @param options the source's Spark options, e.g. {@code rowsPerSecond} for rate, {@code
 *     kafka.bootstrap.servers} and {@code subscribe} for kafka
 * @param path for files: the folder whose new files are read
 * @param fileFormat for files: {@code csv}, {@code json}, {@code parquet}, {@code orc} or {@code
 *     text} (default {@code json})
 * @param schema for files: the rows' schema in DDL, e.g. {@code id BIGINT, name STRING} (required
 *     except for text)
 */
public record StreamSource(String format, Map<String, String> options, String path, String fileFormat, String schema) {}
