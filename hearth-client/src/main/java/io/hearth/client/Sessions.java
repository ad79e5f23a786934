package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.session.SessionList;
import io.hearth.api.session.SessionRequest;
import io.hearth.api.session.SessionResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sessions: a SparkSession of one's own on an engine, whose temp views, current database and SQL
 * conf persist across the statements run in it ({@link io.hearth.api.statement.StatementRequest}'s
 * {@code sessionId}). Obtained from {@link HearthClient#sessions()}; thread-safe.
 *
 * <pre>{@code
 * SessionResponse session = client.sessions().open(
 *         new SessionRequest(null, Map.of("spark.sql.shuffle.partitions", "4")));
 * try {
 *     client.statements().execute(new StatementRequest(
 *             "create temp view v as select 1", null, null, null, null, null, null, session.sessionId()), null);
 * } finally {
 *     client.sessions().close(session.sessionId());
 * }
 * }</pre>
 */
public final class Sessions {
    /**
     * How long the gateway may hold an open request: it answers once the session is open on an
     * engine, which may first have to start (its {@code engine.start-timeout}, 2 minutes by default).
     */
    private static final Duration OPEN_WAIT = Duration.ofMinutes(2);

    private final RestTransport transport;

    Sessions(RestTransport transport) {
        this.transport = requireNonNull(transport, "transport is null");
    }

    /** Opens a session with the default context and no conf of its own. */
    public SessionResponse open() {
        return open(new SessionRequest(null, null));
    }

    /**
     * Opens a session and returns it once it is OPEN on an engine. A conf Spark refuses (a static
     * or core conf, a bad value) is a {@link HearthClientException} with {@code field() == "conf"}.
     */
    public SessionResponse open(SessionRequest request) {
        requireNonNull(request, "request is null");
        return transport.send("POST", "/v1/sessions", request, OPEN_WAIT, SessionResponse.class);
    }

    /**
     * The session as it is now, with how many statements were submitted to it; a {@link
     * HearthClientException} with {@code NOT_FOUND} when there is none (or it is another user's).
     */
    public SessionResponse find(String sessionId) {
        return transport.send("GET", path(sessionId), null, SessionResponse.class);
    }

    /**
     * A page of the caller's sessions, open and closed, newest first.
     *
     * @param limit at most this many (1 to 1000)
     * @param pageToken {@link SessionList#nextPageToken()} of the previous page, or null for the first
     */
    public SessionList list(int limit, String pageToken) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", limit);
        query.put("page_token", pageToken);
        return transport.send("GET", RestTransport.withQuery("/v1/sessions", query), null, SessionList.class);
    }

    /**
     * Closes a session (close reason {@code REQUESTED}) and cancels its statements still running or
     * queued; a closed session is returned unchanged.
     */
    public SessionResponse close(String sessionId) {
        return transport.send("DELETE", path(sessionId), null, SessionResponse.class);
    }

    private static String path(String sessionId) {
        return "/v1/sessions/" + RestTransport.segment(sessionId);
    }
}
