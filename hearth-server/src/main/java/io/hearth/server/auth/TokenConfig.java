package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long API tokens live. Every token expires: a leaked token that never expires is a
 * permanent door.
 *
 * @param defaultTtl the lifetime of a token created without {@code expires_in} or {@code
 *     expires_at} ({@code auth.tokens.default-ttl}, 30d)
 * @param maxTtl the longest lifetime a token may be given ({@code auth.tokens.max-ttl}, 365d)
 */
public record TokenConfig(Duration defaultTtl, Duration maxTtl) {
    public static final Duration DEFAULT_DEFAULT_TTL = Duration.ofDays(30);
    public static final Duration DEFAULT_MAX_TTL = Duration.ofDays(365);
    /** The shortest lifetime anything may give a token: shorter ones expire before they are used. */
    static final Duration MIN_TTL = Duration.ofMinutes(1);

    public TokenConfig {
        requireNonNull(defaultTtl, "defaultTtl is null");
        requireNonNull(maxTtl, "maxTtl is null");
        if (defaultTtl.compareTo(MIN_TTL) < 0) {
            throw new IllegalArgumentException("auth.tokens.default-ttl must be at least 1m");
        }
        if (maxTtl.compareTo(defaultTtl) < 0) {
            throw new IllegalArgumentException("auth.tokens.max-ttl must be at least auth.tokens.default-ttl");
        }
    }

    public static TokenConfig defaults() {
        return new TokenConfig(DEFAULT_DEFAULT_TTL, DEFAULT_MAX_TTL);
    }
}
