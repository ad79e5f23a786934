package io.hearth.server.batch;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How batches run.
 *
 * @param directory each batch's log ({@code <id>.log}) and, while it runs, its jar ({@code
 *     <data-dir>/batches})
 * @param maxRunning batches running at once on this gateway; more wait PENDING and start in the
 *     order they came ({@code batch.max-running}, 2)
 * @param killGracePeriod how long a batch asked to stop may take before it is killed outright
 *     ({@code batch.kill-grace-period}, 10s)
 */
public record BatchConfig(Path directory, int maxRunning, Duration killGracePeriod) {
    public static final int DEFAULT_MAX_RUNNING = 2;
    public static final Duration DEFAULT_KILL_GRACE_PERIOD = Duration.ofSeconds(10);

    public BatchConfig {
        requireNonNull(directory, "directory is null");
        requireNonNull(killGracePeriod, "killGracePeriod is null");
        if (maxRunning < 1) {
            throw new IllegalArgumentException("batch.max-running must be at least 1");
        }
        if (killGracePeriod.isNegative()) {
            throw new IllegalArgumentException("batch.kill-grace-period must not be negative");
        }
    }

    public static BatchConfig defaults(Path dataDirectory) {
        return new BatchConfig(dataDirectory.resolve("batches"), DEFAULT_MAX_RUNNING, DEFAULT_KILL_GRACE_PERIOD);
    }
}
