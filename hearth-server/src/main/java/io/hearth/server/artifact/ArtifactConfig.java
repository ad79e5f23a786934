package io.hearth.server.artifact;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where uploaded jars are kept and how large they may be.
 *
 * @param directory the content-addressed jar store, one {@code <sha256>.jar} per distinct content
 *     ({@code <data-dir>/artifacts})
 * @param maxBytes the largest upload accepted ({@code artifact.max-bytes}, default 512 MiB)
 */
public record ArtifactConfig(Path directory, long maxBytes) {
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    public ArtifactConfig {
        requireNonNull(directory, "directory is null");
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("artifact.max-bytes must be at least 1024");
        }
    }

    public static ArtifactConfig defaults(Path dataDirectory) {
        return new ArtifactConfig(dataDirectory.resolve("artifacts"), DEFAULT_MAX_BYTES);
    }

    /** Where the jar with this SHA-256 lives: the one place that knows the file layout. */
    public Path fileFor(String sha256) {
        if (!SHA_256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return directory.resolve(sha256 + ".jar");
    }

    /** Uploads being received, on the same file system as the store so they move in atomically. */
    Path uploadDirectory() {
        return directory.resolve("uploads");
    }
}
