package io.hearth.api.token;

import java.time.Instant;
import java.util.List;

/**
 * An API token as {@code GET /v1/tokens/{id}} shows it: never its secret, which only the answer
 * that created it carried.
 *
 * @param tokenId its id, which the token's text also shows ({@code hth_<token_id>_<secret>})
 * @param owner the user the token authenticates as
 * @param name what it is for, as given when it was created
 * @param groups the groups it authenticates with: the owner's groups when it was created
 * @param state whether it still authenticates
 * @param createdAt when it was created
 * @param expiresAt when it stops authenticating
 * @param lastUsedAt when it last authenticated a request (to the minute), or null if never
 * @param revokedAt when it was revoked, or null
 */
public record TokenInfo(
        String tokenId,
        String owner,
        String name,
        List<String> groups,
        TokenState state,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt) {
    public TokenInfo {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
