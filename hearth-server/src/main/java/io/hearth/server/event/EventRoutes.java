package io.hearth.server.event;

import static java.util.Objects.requireNonNull;

import io.hearth.api.HearthException;
import io.hearth.api.event.ResourceKind;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SSE event streams (docs/events.md): {@code GET /v1/events} for all the caller's own work (an
 * admin's: everyone's, or one owner's with {@code ?owner=}), and one resource's events under the
 * resource, ending after its terminal event. Resume with the {@code Last-Event-ID} header (or
 * {@code ?last_event_id=} on a browser's first connect).
 */
public final class EventRoutes implements RouteTable {
    /** Says whether the principal may see a resource; throws NOT_FOUND, exactly as for a missing id, if not. */
    @FunctionalInterface
    public interface ResourceAccess {
        void requireVisible(Principal principal, String id);
    }

    private static final Map<ResourceKind, String> PATHS = Map.of(
            ResourceKind.STATEMENT, "/v1/statements/{id}/events",
            ResourceKind.JOB, "/v1/jobs/{id}/events",
            ResourceKind.BATCH, "/v1/batches/{id}/events",
            ResourceKind.SESSION, "/v1/sessions/{id}/events",
            ResourceKind.STREAM, "/v1/streams/{id}/events");

    private final EventStreams streams;
    private final Map<ResourceKind, ResourceAccess> resources;

    /** @param resources how to check each kind of resource that has an event stream of its own */
    public EventRoutes(EventStreams streams, Map<ResourceKind, ResourceAccess> resources) {
        this.streams = requireNonNull(streams, "streams is null");
        this.resources = new EnumMap<>(resources);
        for (ResourceKind kind : this.resources.keySet()) {
            if (!PATHS.containsKey(kind)) {
                throw new IllegalArgumentException("no event stream path for " + kind);
            }
        }
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        routes.get("/v1/events", this::all);
        resources.forEach((kind, access) -> routes.get(
                PATHS.get(kind).replace("{id}", "{" + kind.topicName() + "_id}"), ctx -> resource(ctx, kind, access)));
    }

    private void all(Context ctx) throws IOException, InterruptedException {
        OwnerFilter filter = Requests.ownerFilter(ctx);
        long after = lastEventId(ctx).orElse(-1L);
        EventQuery query = new EventQuery(filter.owner(), Optional.empty(), Optional.empty());
        // without a place to resume from, the stream starts now: it does not replay the store
        stream(ctx, query, after, false, filter.matchesNothing(), after < 0);
    }

    private void resource(Context ctx, ResourceKind kind, ResourceAccess access)
            throws IOException, InterruptedException {
        String id = ctx.pathParam(kind.topicName() + "_id");
        access.requireVisible(Requests.principal(ctx), id);
        // a resource's stream starts at its first event unless resumed
        stream(ctx, EventQuery.resource(kind, id), lastEventId(ctx).orElse(0L), true, false, false);
    }

    private void stream(
            Context ctx, EventQuery query, long after, boolean endAtTerminal, boolean matchesNothing, boolean fromNow)
            throws IOException, InterruptedException {
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        // nginx and similar proxies must pass each event on as it comes
        response.setHeader("X-Accel-Buffering", "no");
        long start = fromNow ? streams.latestSequence() : after;
        streams.stream(query, start, endAtTerminal, matchesNothing, response.getOutputStream());
    }

    /** {@code Last-Event-ID} (what EventSource sends on reconnect), else {@code ?last_event_id=}. */
    static Optional<Long> lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        String field = "Last-Event-ID";
        String text = header;
        if (text == null || text.isBlank()) {
            text = ctx.queryParam("last_event_id");
            field = "last_event_id";
        }
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw HearthException.invalidField(
                    field,
                    field + " must be the id of an event received before (a whole number); got \"" + text + "\"");
        }
    }
}
