package io.hearth.server.session;

import io.hearth.api.session.SessionCloseReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where sessions are kept. State changes are compare-and-set: they happen only while the session is
 * OPEN (and, for idle closing, still idle), and say whether they did, so several gateways can share
 * one store. Opening writes the session's STARTED event and closing its STOPPED or LOST event, in
 * the same transaction; a close that did not happen writes none.
 */
public interface SessionRepository {
    /** Stores a new session. */
    void insert(Session session);

    Optional<Session> find(SessionId id);

    /** One owner's sessions (every owner's when {@code owner} is empty), newest first, after a page start. */
    List<Session> list(Optional<String> owner, Optional<SessionPage> page, int limit);

    /** Moves an OPEN session's last use forward to {@code usedAt}; false when it is not OPEN. */
    boolean touch(SessionId id, Instant usedAt);

    /** OPEN to CLOSED with a reason. */
    boolean markClosed(SessionId id, SessionCloseReason reason, Instant closedAt);

    /**
     * OPEN sessions idle since before {@code idleSince}: last used before it, and none of their
     * statements unfinished or finished at or after it.
     */
    List<SessionId> findIdle(Instant idleSince, int limit);

    /** OPEN to CLOSED (IDLE), only if the session is still idle by the rule of {@link #findIdle}. */
    boolean markIdleClosed(SessionId id, Instant idleSince, Instant closedAt);

    /** OPEN sessions bound to an engine. */
    List<SessionId> findOpenOnEngine(String engineId);

    /** Every OPEN session (after a restart, none of them has its SparkSession any more). */
    List<SessionId> findOpen();

    /** How many statements were submitted to a session, and the last one. */
    SessionActivity activity(SessionId id);
}
