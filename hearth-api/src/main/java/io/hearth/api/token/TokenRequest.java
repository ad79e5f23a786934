package io.hearth.api.token;

import java.time.Instant;

/**
 * {@code POST /v1/tokens}: an API token for the caller. Give {@code expires_in} or {@code
 * expires_at}, not both; with neither, the token lives the gateway's default lifetime ({@code
 * auth.tokens.default-ttl}). No token outlives {@code auth.tokens.max-ttl}, nor the token that
 * creates it.
 *
 * @param name what the token is for, such as {@code ci-nightly} (required; names need not be
 *     unique, so a replacement can be made before the old token is revoked)
 * @param expiresIn how long the token lives, such as {@code 90d} or {@code 12h} (optional)
 * @param expiresAt when the token expires, as an ISO-8601 instant (optional)
 */
public record TokenRequest(String name, String expiresIn, Instant expiresAt) {
    /** A token with the gateway's default lifetime. */
    public static TokenRequest named(String name) {
        return new TokenRequest(name, null, null);
    }
}
