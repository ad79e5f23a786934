package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.token.TokenRequest;
import io.hearth.api.token.TokenState;
import io.hearth.server.config.Durations;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens: created for the caller (the text shown once, a hash of the secret stored), listed,
 * revoked, and verified for {@link TokenMethod}. Every token expires, within {@code
 * auth.tokens.max-ttl}; a token sent to create another bounds the new one's expiry by its own,
 * so a leaked token cannot mint itself a longer life.
 */
public final class TokenService {
    private static final Logger log = LoggerFactory.getLogger(TokenService.class);
    static final int MAX_NAME_LENGTH = 255;
    /** A token's last use is written at most this often: verifying must not write on every request. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final TokenRepository tokens;
    private final TokenConfig config;
    private final Clock clock;
    private final SecureRandom random;
    private final Supplier<String> ids;

    /**
     * @param random where secrets come from
     * @param ids the tokens' ids: letters, digits and '-' only (they are part of the token's text)
     */
    public TokenService(
            TokenRepository tokens, TokenConfig config, Clock clock, SecureRandom random, Supplier<String> ids) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    /**
     * Creates a token for the principal, with the principal's groups.
     *
     * @param sentWith the bearer token the request came with, if it was a Hearth token: the new
     *     token may not outlive it
     * @throws HearthException INVALID_PARAMETER_VALUE naming the field for a missing or bad name or
     *     expiry; UNAUTHENTICATED when {@code sentWith} is not a live token of the principal
     */
    public NewToken create(Principal principal, TokenRequest request, Optional<Credentials.Token> sentWith) {
        requireNonNull(principal, "principal is null");
        requireNonNull(request, "request is null");
        requireNonNull(sentWith, "sentWith is null");
        String name = checkName(request.name());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Instant> bound = sentWith.map(token -> senderExpiry(principal, token, now));
        Instant expiresAt = expiry(request, now, bound);
        TokenText text = TokenText.generate(ids.get(), random);
        ApiToken token = new ApiToken(
                text.id(), principal.name(), name, text.secretSha256(), principal.groups(), now, expiresAt, null, null);
        tokens.insert(token);
        log.info("Created API token {} ({}) for {}, expiring {}", token.id(), name, principal.name(), expiresAt);
        return new NewToken(token, text.text());
    }

    /** One token the principal may see (their own; an admin any); NOT_FOUND otherwise. */
    public ApiToken find(Principal principal, String tokenId) {
        requireNonNull(principal, "principal is null");
        requireNonNull(tokenId, "tokenId is null");
        return tokens.find(tokenId)
                .filter(token -> principal.mayAccess(token.owner()))
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "token " + tokenId + " does not exist"));
    }

    /** The principal's own tokens, newest first, after a page start. */
    public List<ApiToken> list(Principal principal, Optional<TokenPage> page, int limit) {
        requireNonNull(principal, "principal is null");
        return tokens.list(principal.name(), page, limit);
    }

    /**
     * Revokes a token the principal may see; from now on it authenticates nothing. Revoking a
     * revoked token changes nothing (it keeps the time it was first revoked).
     */
    public ApiToken revoke(Principal principal, String tokenId) {
        ApiToken token = find(principal, tokenId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (tokens.revoke(tokenId, now)) {
            log.info("Revoked API token {} ({}) of {}, by {}", tokenId, token.name(), token.owner(), principal.name());
        }
        return find(principal, tokenId);
    }

    /** Whether the token authenticates now, as listings show it. */
    public TokenState stateOf(ApiToken token) {
        return token.state(clock.instant());
    }

    /**
     * The principal a token's text proves: its owner with the groups it was created with (never
     * the admin role: the chain decides that). Empty for malformed text, an unknown id, a wrong
     * secret, an expired or a revoked token.
     *
     * @throws HearthException STORE_UNAVAILABLE when the store cannot be read
     */
    public Optional<Principal> verify(String text) {
        requireNonNull(text, "text is null");
        return live(text, clock.instant()).map(token -> {
            markUsed(token);
            return new Principal(token.owner(), token.groups());
        });
    }

    private Optional<ApiToken> live(String text, Instant now) {
        Optional<TokenText> parsed = TokenText.parse(text);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        TokenText presented = parsed.get();
        return tokens.find(presented.id())
                .filter(token -> presented.matches(token.secretSha256()))
                .filter(token -> token.state(now) == TokenState.ACTIVE);
    }

    /** At most one write a minute per token, across gateways: the update is compare-and-set. */
    private void markUsed(ApiToken token) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant since = now.minus(LAST_USED_RESOLUTION);
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(since)) {
            tokens.markUsed(token.id(), now, since);
        }
    }

    private Instant senderExpiry(Principal principal, Credentials.Token sentWith, Instant now) {
        return live(sentWith.token(), now)
                .filter(token -> token.owner().equals(principal.name()))
                .map(ApiToken::expiresAt)
                .orElseThrow(() -> new HearthException(
                        ErrorCode.UNAUTHENTICATED, "the API token this request was sent with is not valid"));
    }

    private Instant expiry(TokenRequest request, Instant now, Optional<Instant> bound) {
        if (request.expiresIn() != null && request.expiresAt() != null) {
            throw HearthException.invalidField("expires_at", "give expires_in or expires_at, not both");
        }
        Instant latest = now.plus(config.maxTtl());
        String limit = "at most " + describe(config.maxTtl()) + " from now (auth.tokens.max-ttl)";
        if (bound.isPresent() && bound.get().isBefore(latest)) {
            latest = bound.get();
            limit = "no later than " + latest + ", when the token this request was sent with expires";
        }
        if (request.expiresIn() != null) {
            Duration ttl = Durations.parse(request.expiresIn())
                    .orElseThrow(() -> HearthException.invalidField(
                            "expires_in",
                            "expires_in must be a duration such as 12h or 90d; got \"" + request.expiresIn() + "\""));
            if (ttl.compareTo(Duration.between(now, latest)) > 0) {
                throw HearthException.invalidField("expires_in", "expires_in must be " + limit);
            }
            return checked("expires_in", now.plus(ttl), now, latest, limit);
        }
        if (request.expiresAt() != null) {
            return checked("expires_at", request.expiresAt(), now, latest, limit);
        }
        // the default lifetime, cut short by the sending token's expiry
        Instant byDefault = now.plus(config.defaultTtl());
        return byDefault.isAfter(latest) ? latest : byDefault;
    }

    private static Instant checked(String field, Instant expiresAt, Instant now, Instant latest, String limit) {
        Instant expiry = expiresAt.truncatedTo(ChronoUnit.MICROS);
        if (expiry.isBefore(now.plus(TokenConfig.MIN_TTL))) {
            throw HearthException.invalidField(field, field + " must be at least 1m from now");
        }
        if (expiry.isAfter(latest)) {
            throw HearthException.invalidField(field, field + " must be " + limit);
        }
        return expiry;
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? duration.toDays() + "d" : Durations.format(duration);
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw HearthException.invalidField("name", "name is required: what the token is for, such as ci-nightly");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw HearthException.invalidField("name", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw HearthException.invalidField("name", "name must not contain control characters");
        }
        return trimmed;
    }
}
