package io.hearth.server.session;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.session.SessionCloseReason;
import io.hearth.api.session.SessionRequest;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.engine.EngineLease;
import io.hearth.server.engine.EngineRequest;
import io.hearth.server.engine.EngineSelector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens sessions on engines, admits statements to them, and closes them: on request, when idle
 * past {@code session.idle-timeout}, when their engine ends, and after a gateway restart. A
 * session stays bound to the engine it was opened on, since its SparkSession lives there.
 */
public final class SessionService implements AutoCloseable {
    static final int MAX_CONF_ENTRIES = 200;
    private static final int MAX_CONF_TEXT_LENGTH = 4096;
    private static final int SWEEP_BATCH = 500;
    private static final Duration ENGINE_CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionRepository sessions;
    private final EngineSelector engines;
    private final SessionConfig config;
    private final Clock clock;
    private final Supplier<SessionId> ids;
    private final ScheduledExecutorService sweeper;
    private volatile boolean closing;
    private final List<Consumer<SessionId>> closedByRequestListeners = new CopyOnWriteArrayList<>();

    public SessionService(
            SessionRepository sessions,
            EngineSelector engines,
            SessionConfig config,
            Clock clock,
            Supplier<SessionId> ids) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.engines = requireNonNull(engines, "engines is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "session-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::closeIdleSessions, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a session on the principal's engine (starting it if needed, so this can take as long as
     * an engine start) and stores it OPEN.
     */
    public Session open(Principal principal, SessionRequest request) throws InterruptedException {
        String context = engines.checkContext(principal, request.context());
        Map<String, String> conf = validConf(request.conf());
        SessionId id = ids.get();
        try (EngineLease lease = engines.acquire(new EngineRequest(principal, Optional.of(context), id.value()))) {
            openOnEngine(lease, id, principal, conf);
            lease.holdForSession();
            Session session = Session.opened(id, principal.name(), context, conf, lease.engineId(), clock.instant());
            try {
                sessions.insert(session);
            } catch (RuntimeException e) {
                closeOnEngine(session);
                throw e;
            }
            log.info("Opened session {} for {} on engine {}", id, principal.name(), lease.engineId());
            return session;
        }
    }

    public Session find(Principal principal, SessionId id) {
        return sessions.find(id)
                .filter(session -> principal.mayAccess(session.owner()))
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "session " + id + " does not exist"));
    }

    /** What ran in a session the caller may see. */
    public SessionActivity activity(Principal principal, SessionId id) {
        find(principal, id);
        return sessions.activity(id);
    }

    /** The sessions a listing shows, newest first, after a page start. */
    public List<Session> list(OwnerFilter filter, Optional<SessionPage> page, int limit) {
        return filter.matchesNothing() ? List.of() : sessions.list(filter.owner(), page, limit);
    }

    /**
     * Closes the caller's session, and stops its work (see {@link #onClosedByRequest}); closing a
     * closed one changes nothing.
     */
    public Session close(Principal principal, SessionId id) {
        Session session = find(principal, id);
        if (sessions.markClosed(id, SessionCloseReason.REQUESTED, clock.instant())) {
            log.info("Closed session {} on request", id);
            for (Consumer<SessionId> listener : closedByRequestListeners) {
                listener.accept(id);
            }
            closeOnEngine(session);
        }
        return find(principal, id);
    }

    /**
     * Tells {@code listener} of each session closed on request, before the engine is told: the
     * statement service cancels the session's running and queued statements then, as a client that
     * deletes a session expects.
     */
    public void onClosedByRequest(Consumer<SessionId> listener) {
        closedByRequestListeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Checks that the caller may run a statement in the session now, and notes the use.
     *
     * @return the session, OPEN
     * @throws HearthException NOT_FOUND when the caller may not see it, PERMISSION_DENIED for an
     *     admin's statement in another's session (its engine runs as that owner, so only the owner
     *     submits work to it), SESSION_CLOSED when closed
     */
    public Session admit(Principal principal, SessionId id) {
        Session session = find(principal, id);
        if (!session.owner().equals(principal.name())) {
            throw new HearthException(
                    ErrorCode.PERMISSION_DENIED,
                    "session " + id + " is " + session.owner() + "'s: only its owner runs statements in it");
        }
        if (session.state().isTerminal() || !sessions.touch(id, clock.instant())) {
            throw closed(find(principal, id));
        }
        return session;
    }

    /**
     * Checks that a session still takes statements (a statement queued behind others runs only
     * then); notes the use.
     *
     * @throws HearthException SESSION_CLOSED when it was closed meanwhile
     */
    public void requireOpen(SessionId id) {
        if (!sessions.touch(id, clock.instant())) {
            Session session = sessions.find(id)
                    .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "session " + id + " does not exist"));
            throw closed(session);
        }
    }

    /** A statement of the session finished: the idle time counts from now. */
    public void touch(SessionId id) {
        sessions.touch(id, clock.instant());
    }

    /** A session whoever owns it (the gateway taking back its work after a restart). */
    public Optional<Session> findAny(SessionId id) {
        return sessions.find(id);
    }

    /**
     * Sessions a previous run of the gateway left OPEN on engines that are gone lost their
     * SparkSessions with them: they are marked CLOSED (GATEWAY_RESTARTED). Those on engines
     * expected back stay OPEN (and are closed ENGINE_LOST if their engine does not come back).
     *
     * @param recoveringEngines the engines a previous gateway launched that may register again
     */
    public int closeAbandonedSessions(java.util.Set<String> recoveringEngines) {
        int closed = 0;
        Instant now = clock.instant();
        for (SessionId id : sessions.findOpen()) {
            boolean engineExpected = sessions.find(id)
                    .map(session -> recoveringEngines.contains(session.engineId()))
                    .orElse(false);
            if (engineExpected) {
                continue;
            }
            if (sessions.markClosed(id, SessionCloseReason.GATEWAY_RESTARTED, now)) {
                closed++;
            }
        }
        if (closed > 0) {
            log.warn("Marked {} sessions left open by a previous gateway run as CLOSED", closed);
        }
        return closed;
    }

    /** An engine ended: its sessions went with it. */
    public void engineEnded(String engineId) {
        if (closing) {
            // the gateway is stopping: its sessions are closed as GATEWAY_RESTARTED when it starts
            return;
        }
        Instant now = clock.instant();
        for (SessionId id : sessions.findOpenOnEngine(engineId)) {
            if (sessions.markClosed(id, SessionCloseReason.ENGINE_LOST, now)) {
                log.info("Closed session {}: its engine {} ended", id, engineId);
            }
        }
    }

    void closeIdleSessions() {
        try {
            Instant now = clock.instant();
            Instant idleSince = now.minus(config.idleTimeout());
            for (SessionId id : sessions.findIdle(idleSince, SWEEP_BATCH)) {
                if (sessions.markIdleClosed(id, idleSince, now)) {
                    log.info("Closed session {}: idle for longer than {}", id, config.idleTimeout());
                    sessions.find(id).ifPresent(this::closeOnEngine);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Closing idle sessions failed; will retry: {}", e.getMessage());
        }
    }

    private void openOnEngine(EngineLease lease, SessionId id, Principal principal, Map<String, String> conf) {
        try {
            lease.connection().openSession(id.value(), principal.name(), conf, ENGINE_CALL_TIMEOUT);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                throw HearthException.invalidField(
                        "conf",
                        "the engine refused the session's conf: "
                                + e.getStatus().getDescription());
            }
            String lost = lease.connection().lostReason().orElse(null);
            throw new HearthException(
                    ErrorCode.ENGINE_UNAVAILABLE,
                    lost != null
                            ? lost
                            : "engine " + lease.engineId() + " did not open the session: "
                                    + e.getStatus().getCode());
        }
    }

    /**
     * Best effort: an engine that is gone took the session with it. The engine no longer holds the
     * session afterwards (a CONNECTION-level engine stops).
     */
    private void closeOnEngine(Session session) {
        try (EngineLease lease = engines.acquireEngine(session.engineId())) {
            lease.connection().closeSession(session.id().value(), ENGINE_CALL_TIMEOUT);
        } catch (HearthException | StatusRuntimeException e) {
            log.info("Could not close session {} on engine {}: {}", session.id(), session.engineId(), e.getMessage());
        } finally {
            engines.sessionClosed(session.engineId());
        }
    }

    private static Map<String, String> validConf(Map<String, String> conf) {
        if (conf.size() > MAX_CONF_ENTRIES) {
            throw HearthException.invalidField("conf", "conf has more than " + MAX_CONF_ENTRIES + " entries");
        }
        for (Map.Entry<String, String> entry : conf.entrySet()) {
            if (entry.getKey().isBlank() || entry.getKey().length() > MAX_CONF_TEXT_LENGTH) {
                throw HearthException.invalidField(
                        "conf", "conf keys must be 1 to " + MAX_CONF_TEXT_LENGTH + " characters");
            }
            if (entry.getValue().length() > MAX_CONF_TEXT_LENGTH) {
                throw HearthException.invalidField(
                        "conf",
                        "the value of conf " + entry.getKey() + " is longer than " + MAX_CONF_TEXT_LENGTH
                                + " characters");
            }
        }
        return conf;
    }

    private static HearthException closed(Session session) {
        return new HearthException(
                ErrorCode.SESSION_CLOSED,
                "session " + session.id() + " is closed (" + describe(session.closeReason()) + "); open a new session");
    }

    private static String describe(SessionCloseReason reason) {
        if (reason == null) {
            return "no reason recorded";
        }
        return switch (reason) {
            case REQUESTED -> "closed by request";
            case IDLE -> "idle for longer than session.idle-timeout";
            case ENGINE_LOST -> "its engine was lost";
            case GATEWAY_RESTARTED -> "the gateway restarted";
        };
    }

    @Override
    public void close() {
        closing = true;
        sweeper.shutdownNow();
        try {
            if (!sweeper.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("The session sweeper did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
