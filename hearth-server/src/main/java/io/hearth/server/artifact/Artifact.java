package io.hearth.server.artifact;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;

/**
 * An uploaded jar, stored once per content under the data directory.
 *
 * @param path where the jar is on disk (shared by every artifact with the same bytes)
 */
public record Artifact(
        String id, String owner, String name, String sha256, long sizeBytes, Path path, Instant createdAt) {

    public Artifact {
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(name, "name is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(path, "path is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
