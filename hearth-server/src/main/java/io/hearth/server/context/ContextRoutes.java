package io.hearth.server.context;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.context.ContextList;
import io.hearth.api.context.ContextRequest;
import io.hearth.api.engine.EngineInfo;
import io.hearth.server.auth.Principal;
import io.hearth.server.engine.EnginePool;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The contexts API: create, list, read, replace and delete named engine configurations. A context
 * whose engines are serving work or holding sessions cannot be deleted; its idle engines stop.
 * Each caller sees the contexts their ACLs let them use (see {@link io.hearth.api.context.ContextAcl}).
 */
public final class ContextRoutes implements RouteTable {
    private final ContextService contexts;
    private final EnginePool engines;
    private Requests requests;

    public ContextRoutes(ContextService contexts, EnginePool engines) {
        this.contexts = requireNonNull(contexts, "contexts is null");
        this.engines = requireNonNull(engines, "engines is null");
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        this.requests = requests;
        routes.post("/v1/contexts", this::create);
        routes.get("/v1/contexts", this::list);
        routes.get("/v1/contexts/{name}", this::get);
        routes.put("/v1/contexts/{name}", this::replace);
        routes.delete("/v1/contexts/{name}", this::delete);
    }

    private void create(Context ctx) {
        Principal principal = Requests.principal(ctx);
        ContextRequest request = requests.body(ctx, ContextRequest.class);
        ctx.status(201);
        ctx.header("Location", "/v1/contexts/" + request.name());
        ctx.json(contexts.create(principal, request));
    }

    private void list(Context ctx) {
        ctx.json(new ContextList(contexts.list(Requests.principal(ctx))));
    }

    private void get(Context ctx) {
        ctx.json(contexts.get(Requests.principal(ctx), ctx.pathParam("name")));
    }

    private void replace(Context ctx) {
        Principal principal = Requests.principal(ctx);
        ContextRequest request = requests.body(ctx, ContextRequest.class);
        ctx.json(contexts.replace(principal, ctx.pathParam("name"), request));
    }

    private void delete(Context ctx) {
        Principal principal = Requests.principal(ctx);
        String name = ctx.pathParam("name");
        contexts.requireManage(principal, name, "deleted"); // 409, 404 or 403 before anything else
        List<String> inUse = engines.list().stream()
                .filter(engine ->
                        name.equals(engine.context()) && !engine.state().isTerminal())
                .filter(engine -> engine.runningStatements() > 0 || engine.openSessions() > 0)
                .map(EngineInfo::engineId)
                .toList();
        if (!inUse.isEmpty()) {
            throw new HearthException(
                    ErrorCode.CONFLICT,
                    "context " + name + " has engines serving work or sessions: " + String.join(", ", inUse)
                            + "; close its sessions or stop those engines first");
        }
        contexts.delete(principal, name);
        ctx.status(204);
    }
}
