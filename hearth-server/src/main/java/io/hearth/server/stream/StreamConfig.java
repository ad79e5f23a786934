package io.hearth.server.stream;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Streams ({@code streams.*}).
 *
 * @param checkpointDirectory where a stream's checkpoint goes when its request names none ({@code
 *     streams.checkpoint-directory}, default {@code <data-dir>/checkpoints})
 * @param maxRestarts how many times a stream is restarted from its checkpoint after losing its
 *     engine before it is FAILED ({@code streams.max-restarts})
 * @param pollInterval how often the gateway asks engines for their streams' progress ({@code
 *     streams.poll-interval})
 * @param progressInterval the least time between two PROGRESS events (and stored progress) of one
 *     stream ({@code streams.progress-interval})
 * @param progressHistory how many micro-batches a stream's status shows ({@code
 *     streams.progress-history})
 * @param engineCallTimeout how long starting or stopping a query on an engine may take ({@code
 *     streams.engine-call-timeout})
 */
public record StreamConfig(
        Path checkpointDirectory,
        int maxRestarts,
        Duration pollInterval,
        Duration progressInterval,
        int progressHistory,
        Duration engineCallTimeout) {
    public static final int DEFAULT_MAX_RESTARTS = 3;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_PROGRESS_HISTORY = 10;
    public static final Duration DEFAULT_ENGINE_CALL_TIMEOUT = Duration.ofSeconds(60);

    public StreamConfig {
        requireNonNull(checkpointDirectory, "checkpointDirectory is null");
        requireNonNull(pollInterval, "pollInterval is null");
        requireNonNull(progressInterval, "progressInterval is null");
        requireNonNull(engineCallTimeout, "engineCallTimeout is null");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("streams.max-restarts must be 0 or more, not " + maxRestarts);
        }
        if (pollInterval.toMillis() < 10) {
            throw new IllegalArgumentException("streams.poll-interval must be at least 10ms, not " + pollInterval);
        }
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("streams.progress-interval must not be negative");
        }
        if (progressHistory < 1 || progressHistory > 1000) {
            throw new IllegalArgumentException(
                    "streams.progress-history must be between 1 and 1000, not " + progressHistory);
        }
        if (engineCallTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("streams.engine-call-timeout must be positive");
        }
    }

    /** The defaults, with checkpoints under {@code dataDirectory}. */
    public static StreamConfig defaults(Path dataDirectory) {
        return new StreamConfig(
                dataDirectory.resolve("checkpoints"),
                DEFAULT_MAX_RESTARTS,
                DEFAULT_POLL_INTERVAL,
                DEFAULT_PROGRESS_INTERVAL,
                DEFAULT_PROGRESS_HISTORY,
                DEFAULT_ENGINE_CALL_TIMEOUT);
    }
}
