package io.hearth.server.observe;

import static java.util.Objects.requireNonNull;

import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness, readiness (the metadata store answers) and Prometheus metrics. */
public final class ObservabilityRoutes implements RouteTable {
    private final BooleanSupplier storeHealthy;
    private final PrometheusMeterRegistry registry;

    public ObservabilityRoutes(BooleanSupplier storeHealthy, PrometheusMeterRegistry registry) {
        this.storeHealthy = requireNonNull(storeHealthy, "storeHealthy is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        routes.get("/health/live", this::live);
        routes.get("/health/ready", this::ready);
        routes.get("/metrics", this::metrics);
    }

    private void live(Context ctx) {
        ctx.json(Map.of("status", "UP"));
    }

    private void ready(Context ctx) {
        boolean ready = storeHealthy.getAsBoolean();
        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "UP" : "DOWN", "store", ready ? "UP" : "DOWN"));
    }

    private void metrics(Context ctx) throws java.io.IOException {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        registry.scrape(ctx.outputStream());
    }
}
