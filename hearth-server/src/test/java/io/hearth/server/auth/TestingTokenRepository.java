package io.hearth.server.auth;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** API tokens in memory, with the store's compare-and-set semantics, counting the writes of uses. */
final class TestingTokenRepository implements TokenRepository {
    private final Map<String, ApiToken> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger useWrites = new AtomicInteger();
    private volatile boolean unavailable;

    /** How many times a use was written. */
    int useWrites() {
        return useWrites.get();
    }

    /** From now on every call fails as an unreachable store does. */
    void breakDown() {
        unavailable = true;
    }

    @Override
    public void insert(ApiToken token) {
        check();
        if (tokens.putIfAbsent(token.id(), token) != null) {
            throw new IllegalStateException("token " + token.id() + " exists");
        }
    }

    @Override
    public Optional<ApiToken> find(String tokenId) {
        check();
        return Optional.ofNullable(tokens.get(tokenId));
    }

    @Override
    public List<ApiToken> list(String owner, Optional<TokenPage> page, int limit) {
        check();
        Comparator<ApiToken> newestFirst = Comparator.comparing(ApiToken::createdAt)
                .thenComparing(ApiToken::id)
                .reversed();
        return tokens.values().stream()
                .filter(token -> token.owner().equals(owner))
                .filter(token -> page.isEmpty()
                        || token.createdAt().isBefore(page.get().createdAt())
                        || (token.createdAt().equals(page.get().createdAt())
                                && token.id().compareTo(page.get().after()) < 0))
                .sorted(newestFirst)
                .limit(limit)
                .toList();
    }

    @Override
    public boolean revoke(String tokenId, Instant revokedAt) {
        check();
        ApiToken[] changed = new ApiToken[1];
        tokens.computeIfPresent(tokenId, (id, token) -> {
            if (token.revokedAt() != null) {
                return token;
            }
            changed[0] = with(token, token.lastUsedAt(), revokedAt);
            return changed[0];
        });
        return changed[0] != null;
    }

    @Override
    public boolean markUsed(String tokenId, Instant usedAt, Instant unlessUsedSince) {
        check();
        ApiToken[] changed = new ApiToken[1];
        tokens.computeIfPresent(tokenId, (id, token) -> {
            if (token.lastUsedAt() != null && !token.lastUsedAt().isBefore(unlessUsedSince)) {
                return token;
            }
            changed[0] = with(token, usedAt, token.revokedAt());
            return changed[0];
        });
        if (changed[0] != null) {
            useWrites.incrementAndGet();
        }
        return changed[0] != null;
    }

    private void check() {
        if (unavailable) {
            throw new io.hearth.api.HearthException(
                    io.hearth.api.ErrorCode.STORE_UNAVAILABLE, "metadata store error: cannot read (SQLSTATE 08001)");
        }
    }

    private static ApiToken with(ApiToken token, Instant lastUsedAt, Instant revokedAt) {
        return new ApiToken(
                token.id(),
                token.owner(),
                token.name(),
                token.secretSha256(),
                token.groups(),
                token.createdAt(),
                token.expiresAt(),
                lastUsedAt,
                revokedAt);
    }
}
