package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.token.TokenCreated;
import io.hearth.api.token.TokenInfo;
import io.hearth.api.token.TokenList;
import io.hearth.api.token.TokenRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API tokens: bearer tokens for scripts and services, which authenticate as the user who created
 * them. Obtained from {@link HearthClient#tokens()}; thread-safe.
 *
 * <pre>{@code
 * TokenCreated token = client.tokens().create("ci-nightly", Duration.ofDays(90));
 * // token.token() is shown this once; use it with Credentials.bearer(token.token())
 * }</pre>
 */
public final class Tokens {
    private final RestTransport transport;

    Tokens(RestTransport transport) {
        this.transport = requireNonNull(transport, "transport is null");
    }

    /**
     * Creates a token for the caller; its text, {@link TokenCreated#token()}, is in this answer
     * only. A {@link HearthClientException} with {@code INVALID_PARAMETER_VALUE} when the lifetime
     * passes the gateway's {@code auth.tokens.max-ttl} (or, when this client authenticates with a
     * token, that token's own expiry).
     *
     * @param name what the token is for
     * @param expiresIn how long it lives, to the second; null for the gateway's default
     */
    public TokenCreated create(String name, Duration expiresIn) {
        requireNonNull(name, "name is null");
        String lifetime = expiresIn == null ? null : expiresIn.toSeconds() + "s";
        return create(new TokenRequest(name, lifetime, null));
    }

    /** Creates a token as the request says (a lifetime, or an expiry instant). */
    public TokenCreated create(TokenRequest request) {
        requireNonNull(request, "request is null");
        return transport.send("POST", "/v1/tokens", request, TokenCreated.class);
    }

    /** The caller's newest tokens (the first page, at most 50), revoked and expired ones too. */
    public List<TokenInfo> list() {
        return list(50, null).tokens();
    }

    /**
     * A page of the caller's tokens, newest first.
     *
     * @param limit at most this many (1 to 1000)
     * @param pageToken {@link TokenList#nextPageToken()} of the previous page, or null for the first
     */
    public TokenList list(int limit, String pageToken) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", limit);
        query.put("page_token", pageToken);
        return transport.send("GET", RestTransport.withQuery("/v1/tokens", query), null, TokenList.class);
    }

    /** One token, never its secret; a {@link HearthClientException} with {@code NOT_FOUND} if the caller has none of that id. */
    public TokenInfo find(String tokenId) {
        return transport.send("GET", path(tokenId), null, TokenInfo.class);
    }

    /**
     * Revokes a token: from now on it authenticates nothing. Revoking a revoked token is not an
     * error; an unknown one is a {@link HearthClientException} with {@code NOT_FOUND}.
     */
    public void revoke(String tokenId) {
        transport.call("DELETE", path(tokenId));
    }

    private static String path(String tokenId) {
        return "/v1/tokens/" + RestTransport.segment(tokenId);
    }
}
