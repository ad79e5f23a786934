package io.hearth.server.session;

import static java.util.Objects.requireNonNull;

import io.hearth.api.HearthException;
import io.hearth.api.session.SessionList;
import io.hearth.api.session.SessionRequest;
import io.hearth.api.session.SessionResponse;
import io.hearth.server.auth.Principal;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The sessions API: open, list, look at, and close. */
public final class SessionRoutes implements RouteTable {
    private static final int DEFAULT_LIST_LIMIT = 50;
    private static final int MAX_LIST_LIMIT = 1000;

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
        Principal principal = Requests.principal(ctx);
        int limit = Requests.intQuery(ctx, "limit", DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT);
        Optional<SessionPage> page = Optional.ofNullable(ctx.queryParam("page_token"))
                .filter(text -> !text.isBlank())
                .map(SessionRoutes::decodePageToken);
        List<Session> found = sessions.list(principal, page, limit + 1);
        List<Session> shown = found.subList(0, Math.min(limit, found.size()));
        String next = found.size() > limit ? encodePageToken(shown.get(shown.size() - 1)) : null;
        ctx.json(new SessionList(
                shown.stream().map(session -> response(session, null)).toList(), next));
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

    private static String encodePageToken(Session last) {
        String token = last.createdAt().toString() + "\n" + last.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static SessionPage decodePageToken(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 2);
            return new SessionPage(Instant.parse(parts[0]), new SessionId(parts[1]));
        } catch (RuntimeException e) {
            throw HearthException.invalidField("page_token", "page_token is not one this server gave out");
        }
    }
}
