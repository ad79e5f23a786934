package io.hearth.server.auth;

import io.hearth.api.auth.Identity;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;

/** {@code GET /v1/me}: the caller as authentication found them. */
public final class IdentityRoutes implements RouteTable {
    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        routes.get("/v1/me", ctx -> {
            Principal principal = Requests.principal(ctx);
            ctx.header("Cache-Control", "no-store");
            ctx.json(new Identity(principal.name(), principal.groups(), principal.admin()));
        });
    }
}
