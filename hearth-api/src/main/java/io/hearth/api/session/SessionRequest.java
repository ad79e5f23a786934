package io.hearth.api.session;

import java.util.Map;

/**
 * The body of {@code POST /v1/sessions}. Every field is optional.
 *
 * @param context the engine configuration to open the session on; only {@code "default"} (the
 *     default) exists for now
 * @param conf Spark SQL conf for the session's SparkSession, e.g. {@code
 *     {"spark.sql.shuffle.partitions": "4"}}; a static or core Spark conf, or a value Spark does not
 *     accept, is refused with 400
 */
public record SessionRequest(String context, Map<String, String> conf) {
    public SessionRequest {
        conf = conf == null ? Map.of() : Map.copyOf(conf);
    }
}
