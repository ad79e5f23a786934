package io.hearth.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where API tokens are kept. Changes are compare-and-set, so several gateways may share a store. */
public interface TokenRepository {
    void insert(ApiToken token);

    Optional<ApiToken> find(String tokenId);

    /** The owner's tokens (revoked and expired ones too), newest first, after a page start. */
    List<ApiToken> list(String owner, Optional<TokenPage> page, int limit);

    /** Marks the token revoked at {@code revokedAt}; false when it is unknown or already revoked. */
    boolean revoke(String tokenId, Instant revokedAt);

    /**
     * Records a use at {@code usedAt}, unless one at or after {@code unlessUsedSince} is recorded
     * already (another request, maybe on another gateway, wrote it); true when this call wrote it.
     */
    boolean markUsed(String tokenId, Instant usedAt, Instant unlessUsedSince);
}
