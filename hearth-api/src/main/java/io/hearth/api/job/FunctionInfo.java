package io.hearth.api.job;

import java.time.Instant;
import java.util.Map;

/**
 * A registered function, as {@code GET /v1/functions/{name}} shows it.
 *
 * @param parametersSchema the JSON Schema (draft 2020-12) job parameters are checked against
 * @param resultType the job's declared result type, e.g. {@code java.lang.Double} or
 *     {@code org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>}
 */
public record FunctionInfo(
        String name,
        String artifactId,
        String className,
        String context,
        Map<String, Object> parametersSchema,
        String resultType,
        String owner,
        Instant createdAt) {
    public FunctionInfo {
        parametersSchema = Map.copyOf(parametersSchema);
    }
}
