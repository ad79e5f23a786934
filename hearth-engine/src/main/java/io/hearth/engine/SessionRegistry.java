package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.spark.sql.SparkSession;

/**
 * The engine's sessions: each a SparkSession of its own ({@code newSession()}: shared SparkContext
 * and cache, own temp views, current database and SQL conf). Statements without a session run in
 * the engine's shared SparkSession.
 */
final class SessionRegistry {
    private final SparkSession shared;
    private final ConcurrentMap<String, SparkSession> sessions = new ConcurrentHashMap<>();

    SessionRegistry(SparkSession shared) {
        this.shared = requireNonNull(shared, "shared is null");
    }

    /**
     * Opens a session with the given SQL conf.
     *
     * @throws InvalidSessionException when the id is empty or taken, or Spark refuses a conf entry
     *     (a static or core conf, or a value of the wrong form); nothing is opened then
     */
    void open(String sessionId, Map<String, String> conf) throws InvalidSessionException {
        if (sessionId.isEmpty()) {
            throw new InvalidSessionException("session_id is empty");
        }
        SparkSession session = shared.newSession();
        for (Map.Entry<String, String> entry : conf.entrySet()) {
            try {
                session.conf().set(entry.getKey(), entry.getValue());
            } catch (Exception e) {
                // AnalysisException is checked in Java's eyes, though Scala throws it undeclared.
                // Spark names the problem itself: CANNOT_MODIFY_CONFIG for static and core confs, the
                // expected form for a bad value
                throw new InvalidSessionException(
                        "cannot set " + entry.getKey() + " = " + entry.getValue() + ": " + e.getMessage());
            }
        }
        if (sessions.putIfAbsent(sessionId, session) != null) {
            throw new InvalidSessionException("session " + sessionId + " is already open");
        }
    }

    /**
     * Forgets a session; its temp views go with its SparkSession. Statements still running in it
     * finish. Never stops the SparkSession: that would stop the SparkContext every session shares.
     */
    boolean close(String sessionId) {
        return sessions.remove(sessionId) != null;
    }

    /** The SparkSession to run in: the shared one for an empty id, else the session's, if open. */
    Optional<SparkSession> find(String sessionId) {
        return sessionId.isEmpty() ? Optional.of(shared) : Optional.ofNullable(sessions.get(sessionId));
    }

    /** The engine's shared SparkSession, where statements without a session run. */
    SparkSession shared() {
        return shared;
    }

    int openCount() {
        return sessions.size();
    }

    /** A session that cannot be opened as asked. */
    static final class InvalidSessionException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidSessionException(String message) {
            super(message);
        }
    }
}
