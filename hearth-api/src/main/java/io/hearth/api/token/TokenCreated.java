package io.hearth.api.token;

import java.time.Instant;

/**
 * The answer to {@code POST /v1/tokens}: the only time the token's text is shown. The gateway
 * keeps a hash of its secret, never the secret, so a lost token cannot be shown again: revoke it
 * and create another. Send it as {@code Authorization: Bearer <token>}.
 *
 * @param tokenId its id, for {@code GET} and {@code DELETE /v1/tokens/{id}}
 * @param owner the user it authenticates as
 * @param name what it is for
 * @param createdAt when it was created
 * @param expiresAt when it stops authenticating
 * @param token the token itself, {@code hth_<token_id>_<secret>}; keep it secret
 */
public record TokenCreated(
        String tokenId, String owner, String name, Instant createdAt, Instant expiresAt, String token) {
    @Override
    public String toString() {
        return "TokenCreated[tokenId=" + tokenId + ", owner=" + owner + ", name=" + name + ", expiresAt=" + expiresAt
                + "]";
    }
}
