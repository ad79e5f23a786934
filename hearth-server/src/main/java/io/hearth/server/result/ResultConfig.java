package io.hearth.server.result;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where results are kept and how they are cut into chunks.
 *
 * @param directory where chunk files live ({@code result.directory}, default {@code
 *     <data-dir>/results})
 * @param chunkMaxRows a chunk is closed once it holds this many rows ({@code result.chunk-max-rows})
 * @param chunkMaxBytes a chunk is closed once it holds this many bytes ({@code
 *     result.chunk-max-bytes})
 * @param maxBytes a result is truncated past this many bytes ({@code result.max-bytes})
 * @param ttl how long a result is kept after its statement finished ({@code result.ttl})
 * @param fsync force each chunk to disk before it is published ({@code result.fsync}, default
 *     false). Chunks are always written to a temporary name and renamed, so a process crash never
 *     leaves a partial chunk; fsync also covers an operating-system crash, at ~10 ms per chunk here.
 */
public record ResultConfig(
        Path directory, long chunkMaxRows, long chunkMaxBytes, long maxBytes, Duration ttl, boolean fsync) {
    public static final long DEFAULT_CHUNK_MAX_ROWS = 100_000;
    public static final long DEFAULT_CHUNK_MAX_BYTES = 8L * 1024 * 1024;
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024 * 1024;
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    public ResultConfig {
        requireNonNull(directory, "directory is null");
        requireNonNull(ttl, "ttl is null");
        if (chunkMaxRows < 1) {
            throw new IllegalArgumentException("result.chunk-max-rows must be at least 1");
        }
        if (chunkMaxBytes < 1024) {
            throw new IllegalArgumentException("result.chunk-max-bytes must be at least 1024");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("result.max-bytes must be at least 1");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("result.ttl must be positive");
        }
    }

    public static ResultConfig defaults(Path directory) {
        return new ResultConfig(
                directory, DEFAULT_CHUNK_MAX_ROWS, DEFAULT_CHUNK_MAX_BYTES, DEFAULT_MAX_BYTES, DEFAULT_TTL, false);
    }
}
