package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

/**
 * The job a unit of work runs: a function's class from an artifact, with parameters already
 * validated against the function's schema. The artifact is pinned when the job is accepted.
 *
 * @param function the function's name
 * @param artifactId the artifact holding the class
 * @param artifactPath where the artifact's jar is on disk
 * @param artifactSha256 the jar's SHA-256 (engines cache class loaders by it)
 * @param className the class implementing {@code io.hearth.api.spi.HearthJob}
 * @param parametersJson the parameters, a JSON object
 */
public record JobSpec(
        String function,
        String artifactId,
        String artifactPath,
        String artifactSha256,
        String className,
        String parametersJson) {

    public JobSpec {
        requireNonNull(function, "function is null");
        requireNonNull(artifactId, "artifactId is null");
        requireNonNull(artifactPath, "artifactPath is null");
        requireNonNull(artifactSha256, "artifactSha256 is null");
        requireNonNull(className, "className is null");
        requireNonNull(parametersJson, "parametersJson is null");
    }
}
