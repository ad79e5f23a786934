package io.hearth.api.artifact;

import java.time.Instant;

/**
 * An uploaded jar as {@code GET /v1/artifacts/{id}} shows it.
 *
 * @param artifactId its id, which batches and functions refer to
 * @param owner the user who uploaded it
 * @param name the name given at upload ({@code name} query parameter or form field)
 * @param sha256 the SHA-256 of its bytes, in lower-case hex
 * @param sizeBytes its size in bytes
 * @param createdAt when it was uploaded
 */
public record ArtifactInfo(
        String artifactId, String owner, String name, String sha256, long sizeBytes, Instant createdAt) {}
