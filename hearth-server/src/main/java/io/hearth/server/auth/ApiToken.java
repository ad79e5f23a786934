package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import io.hearth.api.token.TokenState;
import java.time.Instant;
import java.util.List;

/**
 * An API token as the store keeps it: the SHA-256 of its secret, never the secret.
 *
 * @param secretSha256 the SHA-256 of the secret part of the token's text, in lower-case hex
 * @param groups the owner's groups when the token was created, which it authenticates with
 * @param lastUsedAt when it last authenticated a request (to the minute), or null
 * @param revokedAt when it was revoked, or null
 */
public record ApiToken(
        String id,
        String owner,
        String name,
        String secretSha256,
        List<String> groups,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public ApiToken {
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(name, "name is null");
        requireNonNull(secretSha256, "secretSha256 is null");
        groups = List.copyOf(groups);
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }

    /** Whether it authenticates at {@code now}: revocation first, then expiry. */
    public TokenState state(Instant now) {
        if (revokedAt != null) {
            return TokenState.REVOKED;
        }
        return now.isBefore(expiresAt) ? TokenState.ACTIVE : TokenState.EXPIRED;
    }

    @Override
    public String toString() {
        return "ApiToken[id=" + id + ", owner=" + owner + ", name=" + name + "]";
    }
}
