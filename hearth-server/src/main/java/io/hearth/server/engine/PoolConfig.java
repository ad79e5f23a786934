package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/**
 * Limits of the whole pool and its admission queue.
 *
 * @param maxTotal the most live engines ({@code engine.max-total})
 * @param maxPerUser the most USER- or CONNECTION-level engines one user's work may hold ({@code
 *     engine.max-per-user})
 * @param queueMaxSize accepted work waiting for an engine, over all users, before 429 ({@code
 *     engine.queue.max-size})
 * @param queueMaxPerUser the same, for one user ({@code engine.queue.max-per-user})
 * @param retryAfter what a 429 tells the client to wait ({@code engine.queue.retry-after})
 * @param defaultContext the {@code default} context, from {@code engine.*}
 * @param standbyEngines engines kept started without a SparkContext, bound to whichever context
 *     needs an engine and has no warm one ({@code engine.standby}; launched with the default
 *     context's driver memory)
 * @param maxPerUserOverrides {@code maxPerUser} for named users ({@code
 *     quota.user.<name>.max-engines})
 */
public record PoolConfig(
        int maxTotal,
        int maxPerUser,
        int queueMaxSize,
        int queueMaxPerUser,
        Duration retryAfter,
        EngineContext defaultContext,
        int standbyEngines,
        Map<String, Integer> maxPerUserOverrides) {
    public PoolConfig {
        maxPerUserOverrides = Map.copyOf(maxPerUserOverrides);
        if (maxPerUserOverrides.values().stream().anyMatch(max -> max < 1)) {
            throw new IllegalArgumentException("quota.user.<name>.max-engines must be at least 1");
        }
        requireNonNull(retryAfter, "retryAfter is null");
        requireNonNull(defaultContext, "defaultContext is null");
        if (maxTotal < 1) {
            throw new IllegalArgumentException("engine.max-total must be at least 1");
        }
        if (maxPerUser < 1) {
            throw new IllegalArgumentException("engine.max-per-user must be at least 1");
        }
        if (standbyEngines < 0 || standbyEngines > maxTotal) {
            throw new IllegalArgumentException("engine.standby must be 0 to engine.max-total");
        }
        if (queueMaxSize < 1 || queueMaxPerUser < 1) {
            throw new IllegalArgumentException(
                    "engine.queue.max-size and engine.queue.max-per-user must be at least 1");
        }
    }

    /** Limits without per-user engine overrides. */
    public PoolConfig(
            int maxTotal,
            int maxPerUser,
            int queueMaxSize,
            int queueMaxPerUser,
            Duration retryAfter,
            EngineContext defaultContext,
            int standbyEngines) {
        this(maxTotal, maxPerUser, queueMaxSize, queueMaxPerUser, retryAfter, defaultContext, standbyEngines, Map.of());
    }

    /** The most USER- or CONNECTION-level engines this user's work may hold. */
    public int maxPerUser(String user) {
        return maxPerUserOverrides.getOrDefault(user, maxPerUser);
    }
}
