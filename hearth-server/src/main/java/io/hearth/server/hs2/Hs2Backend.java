package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.session.SessionState;
import io.hearth.server.auth.AuditLog;
import io.hearth.server.auth.Principal;
import io.hearth.server.result.ResultMetrics;
import io.hearth.server.session.SessionService;
import io.hearth.server.statement.StatementService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every connection of the HiveServer2 front door shares: the gateway's services, and the open
 * HiveServer2 sessions and operations by handle (an HTTP client's calls each come on a connection
 * of their own).
 */
final class Hs2Backend implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hs2Backend.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    final SessionService sessions;
    final StatementService statements;
    final Hs2Metadata metadata;
    final AuditLog audit;
    final Hs2Config config;
    final ResultMetrics.Served served;
    private final Map<Hs2Handles.Key, Hs2Session> openSessions = new ConcurrentHashMap<>();
    private final Map<Hs2Handles.Key, Hs2Operation> operations = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    Hs2Backend(
            SessionService sessions,
            StatementService statements,
            Hs2Metadata metadata,
            AuditLog audit,
            Hs2Config config,
            ResultMetrics resultMetrics) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.statements = requireNonNull(statements, "statements is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.config = requireNonNull(config, "config is null");
        this.served = resultMetrics.served(ResultMetrics.Door.HS2, ResultMetrics.THRIFT);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hs2-session-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(
                this::forgetClosedSessions,
                SWEEP_INTERVAL.toMillis(),
                SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Lets go of sessions whose Hearth session was closed meanwhile (idle, engine lost, or through
     * REST): an HTTP client that never calls CloseSession would otherwise keep them, and their open
     * results, for ever.
     */
    void forgetClosedSessions() {
        try {
            for (Hs2Session session : new ArrayList<>(openSessions.values())) {
                boolean closed = sessions.findAny(session.sessionId())
                        .map(found -> found.state() == SessionState.CLOSED)
                        .orElse(true);
                if (closed) {
                    log.info(
                            "HiveServer2 session {} ends: Hearth session {} was closed",
                            session.key(),
                            session.sessionId());
                    closeSession(session);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Sweeping closed HiveServer2 sessions failed", e);
        }
    }

    void add(Hs2Session session) {
        openSessions.put(session.key(), session);
    }

    void add(Hs2Operation operation) {
        operation.session().operations().add(operation.key());
        operations.put(operation.key(), operation);
    }

    /** The caller's open session of this handle; another user's is not found, as REST hides it. */
    Hs2Session session(Principal caller, Hs2Handles.Key key) {
        Hs2Session session = openSessions.get(key);
        if (session == null
                || !session.key().sameSecret(key)
                || !session.principal().name().equals(caller.name())) {
            throw new HearthException(ErrorCode.NOT_FOUND, "invalid session handle " + key + ": no such open session");
        }
        return session;
    }

    Hs2Operation operation(Principal caller, Hs2Handles.Key key) {
        Hs2Operation operation = operations.get(key);
        if (operation == null
                || !operation.key().sameSecret(key)
                || !operation.session().principal().name().equals(caller.name())) {
            throw new HearthException(
                    ErrorCode.NOT_FOUND, "invalid operation handle " + key + ": no such open operation");
        }
        return operation;
    }

    void closeOperation(Hs2Operation operation) {
        if (operations.remove(operation.key()) != null) {
            operation.session().operations().remove(operation.key());
            operation.close();
        }
    }

    /** Closes a session's operations, then the Hearth session. */
    void closeSession(Hs2Session session) {
        if (openSessions.remove(session.key()) == null) {
            return;
        }
        for (Hs2Handles.Key key : new ArrayList<>(session.operations())) {
            Hs2Operation operation = operations.get(key);
            if (operation != null) {
                try {
                    closeOperation(operation);
                } catch (RuntimeException e) {
                    log.warn("Closing operation {} of session {} failed", key, session.sessionId(), e);
                }
            }
        }
        try {
            sessions.close(session.principal(), session.sessionId());
        } catch (HearthException e) {
            // closed already (idle, or its engine ended): nothing left to close
            log.debug("Session {} was closed already: {}", session.sessionId(), e.getMessage());
        }
    }

    /** Cancels a statement that has not finished {@code timeout} from now, as timed out. */
    void timeOutAfter(StatementOperation operation, Duration timeout) {
        sweeper.schedule(
                () -> {
                    try {
                        operation.timeOut();
                    } catch (RuntimeException e) {
                        log.warn("Timing out statement {} failed", operation.statementId(), e);
                    }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Closes what is still open: the gateway stops. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        for (Hs2Session session : new ArrayList<>(openSessions.values())) {
            try {
                closeSession(session);
            } catch (RuntimeException e) {
                log.warn("Closing HiveServer2 session {} failed", session.sessionId(), e);
            }
        }
    }
}
