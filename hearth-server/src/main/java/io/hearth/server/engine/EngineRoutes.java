package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.engine.EngineList;
import io.hearth.api.job.NamedObjectList;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The engines API: list, stop, read an engine's log, and list the named objects jobs kept on it.
 * Each caller sees the engines serving them (see {@code EngineAccess}); others answer 404. The
 * pool's counts ({@code /v1/pool}) are the whole gateway's, for everyone.
 */
public final class EngineRoutes implements RouteTable {
    private static final int DEFAULT_LOG_LINES = 200;
    private static final int MAX_LOG_LINES = 10_000;

    private final EnginePool engines;

    public EngineRoutes(EnginePool engines) {
        this.engines = requireNonNull(engines, "engines is null");
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        routes.get("/v1/engines", this::list);
        routes.get("/v1/engines/{engine_id}", this::get);
        routes.delete("/v1/engines/{engine_id}", this::stop);
        routes.get("/v1/engines/{engine_id}/log", this::log);
        routes.get("/v1/engines/{engine_id}/objects", this::objects);
        // open to every signed-in user: counts over the whole gateway, naming no one's work
        routes.get("/v1/pool", this::pool);
    }

    private void objects(Context ctx) {
        String engineId = ctx.pathParam("engine_id");
        ctx.json(new NamedObjectList(engineId, engines.listObjects(Requests.principal(ctx), engineId)));
    }

    private void pool(Context ctx) {
        ctx.json(engines.status());
    }

    private void list(Context ctx) {
        ctx.json(new EngineList(engines.list(Requests.principal(ctx))));
    }

    private void get(Context ctx) {
        ctx.json(engines.find(Requests.principal(ctx), ctx.pathParam("engine_id")));
    }

    private void stop(Context ctx) {
        ctx.json(engines.stop(Requests.principal(ctx), ctx.pathParam("engine_id")));
    }

    private void log(Context ctx) {
        int lines = Requests.intQuery(ctx, "lines", DEFAULT_LOG_LINES, 1, MAX_LOG_LINES);
        List<String> tail = engines.tailLog(Requests.principal(ctx), ctx.pathParam("engine_id"), lines);
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result(tail.isEmpty() ? "" : String.join("\n", tail) + "\n");
    }
}
