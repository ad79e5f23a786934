package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How statements are accepted and run.
 *
 * @param defaultWaitTimeout how long a submission waits for the result when the request does not
 *     say ({@code statement.default-wait-timeout}, 10s)
 * @param maxRunning statements running at once on this gateway; more wait PENDING ({@code
 *     statement.max-running}, 32)
 * @param cleanupInterval how often expired results are deleted ({@code
 *     statement.cleanup-interval}, 1m)
 */
public record StatementConfig(Duration defaultWaitTimeout, int maxRunning, Duration cleanupInterval) {
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_RUNNING = 32;
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofMinutes(1);

    public StatementConfig {
        requireNonNull(defaultWaitTimeout, "defaultWaitTimeout is null");
        requireNonNull(cleanupInterval, "cleanupInterval is null");
        if (!StatementRequests.isValidWaitTimeout(defaultWaitTimeout)) {
            throw new IllegalArgumentException("statement.default-wait-timeout must be 0s or between 5s and 50s");
        }
        if (maxRunning < 1) {
            throw new IllegalArgumentException("statement.max-running must be at least 1");
        }
        if (cleanupInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("statement.cleanup-interval must be at least 10ms");
        }
    }

    public static StatementConfig defaults() {
        return new StatementConfig(DEFAULT_WAIT_TIMEOUT, DEFAULT_MAX_RUNNING, DEFAULT_CLEANUP_INTERVAL);
    }
}
