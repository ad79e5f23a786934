package io.hearth.server.quota;

/**
 * One user's limits on work and results (their engine limit is the pool's: {@code
 * engine.max-per-user}, {@code quota.user.<name>.max-engines}). {@link #UNLIMITED} (configured as {@code unlimited}) lifts a limit.
 *
 * @param maxRunning statements and jobs PENDING or RUNNING at once ({@code quota.max-running})
 * @param maxResultBytes bytes of unexpired results kept in the result store ({@code
 *     quota.max-result-bytes}); new work is refused while the user is at or over it
 */
public record UserQuota(long maxRunning, long maxResultBytes) {
    public static final long UNLIMITED = Long.MAX_VALUE;

    public UserQuota {
        if (maxRunning < 1 || maxResultBytes < 1) {
            throw new IllegalArgumentException("every quota must be at least 1 (or unlimited)");
        }
    }
}
