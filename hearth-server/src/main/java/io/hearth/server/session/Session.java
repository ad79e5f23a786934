package io.hearth.server.session;

import static java.util.Objects.requireNonNull;

import io.hearth.api.session.SessionCloseReason;
import io.hearth.api.session.SessionState;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A session as stored: whose it is, the engine its SparkSession lives on, and whether it is open.
 *
 * @param context the engine configuration it was opened on ({@code default} for now)
 * @param conf the Spark SQL conf it was opened with
 * @param engineId the engine it is bound to: all its statements run there
 * @param lastUsedAt when it was opened, or a statement was last submitted to it or finished in it
 * @param closedAt when it was closed, or null while OPEN
 * @param closeReason why it was closed, or null while OPEN
 */
public record Session(
        SessionId id,
        String owner,
        String context,
        Map<String, String> conf,
        String engineId,
        SessionState state,
        Instant createdAt,
        Instant lastUsedAt,
        Instant closedAt,
        SessionCloseReason closeReason) {

    public Session {
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(context, "context is null");
        conf = Collections.unmodifiableMap(new TreeMap<>(conf));
        requireNonNull(engineId, "engineId is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(lastUsedAt, "lastUsedAt is null");
    }

    /** A session just opened on an engine. */
    public static Session opened(
            SessionId id, String owner, String context, Map<String, String> conf, String engineId, Instant now) {
        return new Session(id, owner, context, conf, engineId, SessionState.OPEN, now, now, null, null);
    }
}
