package io.hearth.server.quota;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/**
 * Per-user quotas on work and results: one default for everyone ({@code quota.max-running},
 * {@code quota.max-result-bytes}) and overrides per user ({@code quota.user.<name>.max-running},
 * {@code quota.user.<name>.max-result-bytes}; a key an override leaves out takes the default).
 * Admins have no exemption: give them an override. Engines per user are the pool's limit ({@code
 * engine.max-per-user}, overridden by {@code quota.user.<name>.max-engines}).
 *
 * @param retryAfter what a refusal for running work tells the client to wait ({@code
 *     engine.queue.retry-after})
 */
public record QuotaConfig(UserQuota defaults, Map<String, UserQuota> users, Duration retryAfter) {
    public static final long DEFAULT_MAX_RUNNING = 64;
    public static final long DEFAULT_MAX_RESULT_BYTES = 10L << 30;

    public QuotaConfig {
        requireNonNull(defaults, "defaults is null");
        users = Map.copyOf(users);
        requireNonNull(retryAfter, "retryAfter is null");
    }

    /** The quotas of one user: their override, else the defaults. */
    public UserQuota forUser(String user) {
        return users.getOrDefault(user, defaults);
    }
}
