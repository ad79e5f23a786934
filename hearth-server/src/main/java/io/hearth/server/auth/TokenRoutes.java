package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import io.hearth.api.token.TokenCreated;
import io.hearth.api.token.TokenInfo;
import io.hearth.api.token.TokenList;
import io.hearth.api.token.TokenRequest;
import io.hearth.server.http.Paging;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * The API tokens API: create one for the caller (its text in that answer only), list the caller's,
 * read and revoke one. Other users' tokens answer 404, as if they did not exist.
 */
public final class TokenRoutes implements RouteTable {
    private static final String BEARER = "bearer ";

    private final TokenService tokens;

    public TokenRoutes(TokenService tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        routes.post("/v1/tokens", ctx -> create(ctx, requests));
        routes.get("/v1/tokens", this::list);
        routes.get("/v1/tokens/{token_id}", this::get);
        routes.delete("/v1/tokens/{token_id}", this::revoke);
    }

    private void create(Context ctx, Requests requests) {
        Principal principal = Requests.principal(ctx);
        TokenRequest request = requests.body(ctx, TokenRequest.class);
        NewToken created = tokens.create(principal, request, sentWith(ctx));
        ApiToken token = created.token();
        ctx.status(201);
        ctx.header("Location", "/v1/tokens/" + token.id());
        // the secret must not linger in a cache on the way
        ctx.header("Cache-Control", "no-store");
        ctx.json(new TokenCreated(
                token.id(), token.owner(), token.name(), token.createdAt(), token.expiresAt(), created.text()));
    }

    private void list(Context ctx) {
        Principal principal = Requests.principal(ctx);
        int limit = Paging.limit(ctx);
        Optional<TokenPage> start =
                Paging.start(ctx).map(position -> new TokenPage(position.createdAt(), position.id()));
        Paging.Page<ApiToken> page = Paging.page(
                tokens.list(principal, start, limit + 1),
                limit,
                token -> new Paging.Position(token.createdAt(), token.id()));
        ctx.json(new TokenList(page.items().stream().map(this::info).toList(), page.nextPageToken()));
    }

    private void get(Context ctx) {
        ctx.json(info(tokens.find(Requests.principal(ctx), ctx.pathParam("token_id"))));
    }

    private void revoke(Context ctx) {
        tokens.revoke(Requests.principal(ctx), ctx.pathParam("token_id"));
        ctx.status(204);
    }

    private TokenInfo info(ApiToken token) {
        return new TokenInfo(
                token.id(),
                token.owner(),
                token.name(),
                token.groups(),
                tokens.stateOf(token),
                token.createdAt(),
                token.expiresAt(),
                token.lastUsedAt(),
                token.revokedAt());
    }

    /** The Hearth token the request was sent with, if it was sent with one (not a JWT, not a password). */
    private static Optional<Credentials.Token> sentWith(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).strip();
        return TokenText.hasPrefix(token) ? Optional.of(new Credentials.Token(token)) : Optional.empty();
    }
}
