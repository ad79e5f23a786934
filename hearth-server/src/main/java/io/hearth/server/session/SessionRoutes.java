package io.hearth.server.session;

import static java.util.Objects.requireNonNull;

import io.hearth.api.session.SessionList;
import io.hearth.api.session.SessionRequest;
import io.hearth.api.session.SessionResponse;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.http.Paging;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/** The sessions API: open, list, look at, and close. */
public final class SessionRoutes implements RouteTable {

    private final SessionService sessions;
    private Requests requests;

    public SessionRoutes(SessionService sessions) {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        this.requests = requests;
        routes.post("/v1/sessions", this::open);
        routes.get("/v1/sessions", this::list);
        routes.get("/v1/sessions/{session_id}", this::get);
        routes.delete("/v1/sessions/{session_id}", this::close);
    }

    private void open(Context ctx) throws InterruptedException {
        // every field is optional, so a bare POST (no body at all) opens a default session
        SessionRequest request =
                ctx.contentLength() == 0 ? new SessionRequest(null, null) : requests.body(ctx, SessionRequest.class);
        Principal principal = Requests.principal(ctx);
        ctx.json(response(sessions.open(principal, request), null));
    }

    private void get(Context ctx) {
        Principal principal = Requests.principal(ctx);
        SessionId id = sessionId(ctx);
        Session session = sessions.find(principal, id);
        ctx.json(response(session, sessions.activity(principal, id)));
    }

    private void close(Context ctx) {
        Principal principal = Requests.principal(ctx);
        ctx.json(response(sessions.close(principal, sessionId(ctx)), null));
    }

    private void list(Context ctx) {
        OwnerFilter filter = Requests.ownerFilter(ctx);
        int limit = Paging.limit(ctx);
        Optional<SessionPage> start =
                Paging.start(ctx).map(position -> new SessionPage(position.createdAt(), new SessionId(position.id())));
        Paging.Page<Session> page = Paging.page(
                sessions.list(filter, start, limit + 1),
                limit,
                session -> new Paging.Position(session.createdAt(), session.id().value()));
        ctx.json(new SessionList(
                page.items().stream().map(session -> response(session, null)).toList(), page.nextPageToken()));
    }

    private static SessionResponse response(Session session, SessionActivity activity) {
        return new SessionResponse(
                session.id().value(),
                session.owner(),
                session.state(),
                session.context(),
                session.conf(),
                session.engineId(),
                session.createdAt(),
                session.lastUsedAt(),
                session.closedAt(),
                session.closeReason(),
                activity == null ? null : activity.statementCount(),
                activity == null ? null : activity.lastStatementId());
    }

    private static SessionId sessionId(Context ctx) {
        return new SessionId(ctx.pathParam("session_id"));
    }
}
