package io.hearth.server.session;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How sessions live.
 *
 * @param idleTimeout a session in which no statement ran for this long is closed ({@code
 *     session.idle-timeout}, 1h); one with a statement still running is never idle
 */
public record SessionConfig(Duration idleTimeout) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);
    private static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofMinutes(1);

    public SessionConfig {
        requireNonNull(idleTimeout, "idleTimeout is null");
        if (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0) {
            throw new IllegalArgumentException("session.idle-timeout must be at least 1s");
        }
    }

    public static SessionConfig defaults() {
        return new SessionConfig(DEFAULT_IDLE_TIMEOUT);
    }

    /** How often idle sessions are looked for: a quarter of the timeout, at most a minute. */
    Duration sweepInterval() {
        Duration quarter = idleTimeout.dividedBy(4);
        return quarter.compareTo(MAX_SWEEP_INTERVAL) > 0 ? MAX_SWEEP_INTERVAL : quarter;
    }
}
