package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.engine.EngineList;
import io.hearth.api.job.NamedObjectList;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** The engines API: list, stop, read an engine's log, and list the named objects jobs kept on it. */
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
    }

    private void objects(Context ctx) {
        Requests.principal(ctx);
        String engineId = ctx.pathParam("engine_id");
        ctx.json(new NamedObjectList(engineId, engines.listObjects(engineId).orElseThrow(() -> notFound(ctx))));
    }

    private void list(Context ctx) {
        Requests.principal(ctx);
        ctx.json(new EngineList(engines.list()));
    }

    private void get(Context ctx) {
        Requests.principal(ctx);
        ctx.json(engines.find(ctx.pathParam("engine_id")).orElseThrow(() -> notFound(ctx)));
    }

    private void stop(Context ctx) {
        Requests.principal(ctx);
        ctx.json(engines.stop(ctx.pathParam("engine_id")).orElseThrow(() -> notFound(ctx)));
    }

    private void log(Context ctx) {
        Requests.principal(ctx);
        int lines = Requests.intQuery(ctx, "lines", DEFAULT_LOG_LINES, 1, MAX_LOG_LINES);
        List<String> tail = engines.tailLog(ctx.pathParam("engine_id"), lines).orElseThrow(() -> notFound(ctx));
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result(tail.isEmpty() ? "" : String.join("\n", tail) + "\n");
    }

    private static HearthException notFound(Context ctx) {
        return new HearthException(ErrorCode.NOT_FOUND, "engine " + ctx.pathParam("engine_id") + " does not exist");
    }
}
