package io.hearth.server.http;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.time.Duration;

/**
 * Times REST requests by method, route template, status and outcome, with histogram buckets from
 * 5 ms to 60 s (the timer's count is the request count). Server-sent event streams are timed too:
 * their time is how long the stream stayed open.
 */
public final class HttpMetrics {
    static final String NAME = "hearth.http.server.requests";
    /** Bucket bounds for an API whose answers take milliseconds and whose long polls take up to a minute. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

    private final MeterRegistry registry;

    public HttpMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    void record(Context ctx) {
        Long started = ctx.attribute(RequestIds.STARTED_ATTRIBUTE);
        long nanos = started == null ? 0 : System.nanoTime() - started;
        int status = ctx.statusCode();
        Timer.builder(NAME)
                .description("REST requests served, by route template, and how long they took")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx, status))
                .tag("status", Integer.toString(status))
                .tag("outcome", Outcome.forStatus(status).name())
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    private static String route(Context ctx, int status) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null) {
            return endpoint.path;
        }
        // refused before routing, or no route: never the raw path (one series per typo or id)
        return status == 401 || status == 429 ? "unauthenticated" : "unmatched";
    }
}
