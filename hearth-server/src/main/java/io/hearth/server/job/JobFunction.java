package io.hearth.server.job;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A registered function: a job class in an artifact, under a name unique for its owner.
 *
 * @param context where its jobs run ({@code default}: the shared engine)
 * @param parametersSchemaJson the JSON Schema its engine derived from the job's parameter record
 * @param resultType the job's declared result type
 */
public record JobFunction(
        String owner,
        String name,
        String artifactId,
        String className,
        String context,
        String parametersSchemaJson,
        String resultType,
        Instant createdAt) {

    public JobFunction {
        requireNonNull(owner, "owner is null");
        requireNonNull(name, "name is null");
        requireNonNull(artifactId, "artifactId is null");
        requireNonNull(className, "className is null");
        requireNonNull(context, "context is null");
        requireNonNull(parametersSchemaJson, "parametersSchemaJson is null");
        requireNonNull(resultType, "resultType is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
