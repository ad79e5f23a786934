package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.engine.EngineInfo;
import io.hearth.api.engine.EngineState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** One engine the gateway launched, from launch to its end. Thread-safe. */
final class ManagedEngine {
    /** The share key a standby engine is listed and stored under. */
    static final String STANDBY_KEY = "standby";

    private final String id;
    private final String secret;
    private EngineContext context;
    private boolean standby;
    private final String user;
    private final Path logFile;
    private final Instant startedAt;
    private final Clock clock;
    private final CompletableFuture<EngineConnection> ready = new CompletableFuture<>();

    private EngineState state = EngineState.STARTING;
    private EngineProcess process;
    private EngineConnection connection;
    private Long pid;
    private String sparkUiUrl;
    private Instant lastUsedAt;
    private EngineKey key;
    private String assignedUser;
    private int running;
    private int sessions;
    private int missedHeartbeats;
    private String error;

    ManagedEngine(
            String id,
            String secret,
            EngineContext context,
            EngineKey key,
            String assignedUser,
            String user,
            Path logFile,
            Clock clock) {
        this(id, secret, context, key, assignedUser, user, logFile, clock, clock.instant(), null);
    }

    /**
     * An engine a previous gateway launched, taken back from the store (see {@link EngineRecovery}).
     *
     * @param context its context as it is now (the conf it was launched with is not stored)
     * @param key what it served, or null when it was still warm
     */
    ManagedEngine(EngineRecord record, EngineContext context, EngineKey key, Clock clock) {
        this(
                record.engineId(),
                record.secret(),
                context,
                key,
                key != null && key.shareLevel() == io.hearth.api.context.ShareLevel.USER ? key.subject() : null,
                record.user(),
                record.logFile(),
                clock,
                record.startedAt(),
                record.pid());
    }

    private ManagedEngine(
            String id,
            String secret,
            EngineContext context,
            EngineKey key,
            String assignedUser,
            String user,
            Path logFile,
            Clock clock,
            Instant startedAt,
            Long pid) {
        this.pid = pid;
        this.id = requireNonNull(id, "id is null");
        this.secret = requireNonNull(secret, "secret is null");
        this.context = requireNonNull(context, "context is null");
        this.key = key;
        this.assignedUser = assignedUser;
        this.user = requireNonNull(user, "user is null");
        this.logFile = requireNonNull(logFile, "logFile is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.startedAt = requireNonNull(startedAt, "startedAt is null");
    }

    /** Its key as the store and the engine list show it: {@code context:LEVEL:subject}, no subject while warm. */
    synchronized String shareKey() {
        if (standby) {
            return STANDBY_KEY;
        }
        return key == null ? context.name() + ":" + context.shareLevel() + ":" : key.toString();
    }

    String user() {
        return user;
    }

    Instant startedAt() {
        return startedAt;
    }

    synchronized Long pid() {
        return pid;
    }

    String id() {
        return id;
    }

    String secret() {
        return secret;
    }

    Path logFile() {
        return logFile;
    }

    synchronized EngineContext context() {
        return context;
    }

    /** Launched without a SparkContext, waiting to be bound (see {@link #beginBinding}). */
    synchronized void markStandby() {
        standby = true;
    }

    synchronized boolean isStandby() {
        return standby;
    }

    /**
     * A registered standby engine taken for a key: it is STARTING again while it builds its
     * SparkContext with the context's conf; false when it is not an idle standby engine any more.
     */
    synchronized boolean beginBinding(EngineContext context, EngineKey key, String assignedUser) {
        if (!standby || state != EngineState.IDLE) {
            return false;
        }
        this.standby = false;
        this.context = requireNonNull(context, "context is null");
        this.key = requireNonNull(key, "key is null");
        this.assignedUser = assignedUser;
        this.state = EngineState.STARTING;
        return true;
    }

    /** The bind finished: STARTING to IDLE; false when it ended meanwhile. */
    synchronized boolean bound(String sparkUiUrl) {
        if (state != EngineState.STARTING) {
            return false;
        }
        this.sparkUiUrl = sparkUiUrl == null || sparkUiUrl.isEmpty() ? null : sparkUiUrl;
        this.state = EngineState.IDLE;
        this.lastUsedAt = clock.instant();
        return true;
    }

    synchronized EngineKey key() {
        return key;
    }

    synchronized String assignedUser() {
        return assignedUser;
    }

    /** A warm engine taken by a subject. */
    synchronized void assign(EngineKey key, String assignedUser) {
        if (this.key != null) {
            throw new IllegalStateException("engine " + id + " already serves " + this.key);
        }
        this.key = requireNonNull(key, "key is null");
        this.assignedUser = assignedUser;
        this.lastUsedAt = clock.instant();
    }

    synchronized int running() {
        return running;
    }

    /** Whether one more statement may be placed on it now. */
    synchronized boolean hasCapacity() {
        return (state == EngineState.IDLE || state == EngineState.BUSY) && running < context.maxConcurrentPerEngine();
    }

    synchronized void sessionOpened() {
        sessions++;
        lastUsedAt = clock.instant();
    }

    synchronized void sessionClosed() {
        if (sessions > 0) {
            sessions--;
        }
        lastUsedAt = clock.instant();
    }

    /** Neither running work nor holding sessions: what idle timeouts and exclusive engines look at. */
    synchronized boolean isUnused() {
        return running == 0 && sessions == 0;
    }

    synchronized Instant lastUsedAt() {
        return lastUsedAt == null ? startedAt : lastUsedAt;
    }

    CompletableFuture<EngineConnection> ready() {
        return ready;
    }

    synchronized void launched(EngineProcess process) {
        this.process = process;
        this.pid = process.pid().isPresent() ? process.pid().getAsLong() : null;
    }

    synchronized EngineProcess process() {
        return process;
    }

    synchronized EngineState state() {
        return state;
    }

    synchronized EngineConnection connection() {
        return connection;
    }

    /**
     * STARTING to IDLE; false when the engine already ended. An engine that registers again while
     * registered (it had not heard from the gateway for a while) stays as it is: true, and the
     * given connection is not used.
     */
    synchronized boolean registered(EngineConnection connection, long pid, String sparkUiUrl) {
        if (state == EngineState.IDLE || state == EngineState.BUSY) {
            return true;
        }
        if (state != EngineState.STARTING) {
            return false;
        }
        this.connection = connection;
        if (pid > 0) {
            this.pid = pid;
        }
        this.sparkUiUrl = sparkUiUrl.isEmpty() ? null : sparkUiUrl;
        this.state = EngineState.IDLE;
        this.lastUsedAt = clock.instant();
        ready.complete(connection);
        return true;
    }

    synchronized void leaseStarted() {
        running++;
        lastUsedAt = clock.instant();
        if (state == EngineState.IDLE) {
            state = EngineState.BUSY;
        }
    }

    synchronized void leaseEnded() {
        running--;
        lastUsedAt = clock.instant();
        if (running == 0 && state == EngineState.BUSY) {
            state = EngineState.IDLE;
        }
    }

    synchronized boolean isUsable() {
        return state == EngineState.STARTING || state == EngineState.IDLE || state == EngineState.BUSY;
    }

    synchronized void heartbeatAnswered() {
        missedHeartbeats = 0;
    }

    /** Counts a missed heartbeat and says how many were missed in a row. */
    synchronized int heartbeatMissed() {
        return ++missedHeartbeats;
    }

    /** The gateway stops and leaves the engine running: its connection goes, its state stays. */
    synchronized void detach() {
        if (connection != null) {
            connection.detach();
        }
    }

    synchronized boolean beginStopping(String reason) {
        if (!isUsable()) {
            return false;
        }
        state = EngineState.STOPPING;
        error = reason;
        return true;
    }

    /** Why it is being stopped, once it is. */
    synchronized String stopReason() {
        return error;
    }

    /**
     * Ends the engine in a final state with a reason; its connection is closed, which fails the
     * calls in flight. False when it had already ended.
     */
    synchronized boolean end(EngineState finalState, String reason) {
        if (state.isTerminal()) {
            return false;
        }
        state = finalState;
        error = reason;
        if (connection != null) {
            connection.markLost(reason == null ? "engine " + id + " stopped" : reason);
        }
        ready.completeExceptionally(new EngineEndedException(finalState, reason));
        return true;
    }

    synchronized EngineInfo info() {
        return new EngineInfo(
                id,
                state,
                pid,
                shareKey(),
                standby ? null : context.name(),
                standby ? null : context.shareLevel(),
                key == null ? null : key.subject(),
                key == null ? user : key.proxyUser().orElse(user),
                startedAt,
                lastUsedAt,
                sparkUiUrl,
                running,
                context.maxConcurrentPerEngine(),
                sessions,
                error);
    }

    /** Why an engine ended before it became ready. */
    static final class EngineEndedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EngineEndedException(EngineState state, String reason) {
            super(reason == null ? "engine ended: " + state : reason);
        }
    }
}
