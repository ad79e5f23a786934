package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Lists;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.OnWaitTimeout;
import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.statement.Progress;
import io.hearth.api.statement.SinkResult;
import io.hearth.api.statement.StatementError;
import io.hearth.api.statement.StatementRequest;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.engine.Admission;
import io.hearth.server.engine.EngineSelector;
import io.hearth.server.event.EventTargets;
import io.hearth.server.event.EventsConfig;
import io.hearth.server.event.Outbox;
import io.hearth.server.quota.Quotas;
import io.hearth.server.result.ResultStore;
import io.hearth.server.session.Session;
import io.hearth.server.session.SessionId;
import io.hearth.server.session.SessionService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Accepts statements, runs them on engines, and serves their results. A statement is stored
 * PENDING before anything else happens, so an accepted statement is never lost. Statements of a
 * session run on the session's engine, one at a time, in the order they were accepted.
 */
public final class StatementService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatementService.class);
    private static final int CLEANUP_BATCH = 500;

    private final StatementRepository statements;
    private final ResultStore results;
    private final WorkLogs logs;
    private final StatementConfig config;
    private final Clock clock;
    private final Supplier<StatementId> ids;
    private final StatementRunner runner;
    private final SessionService sessions;
    private static final String MDC_REQUEST_ID = "request_id";

    private final ExecutorService executor;
    private final WorkMetrics metrics;
    private final EventTargets eventTargets;
    private final SessionLanes lanes;
    private final ScheduledExecutorService cleaner;
    private final EngineSelector engines;
    private final Quotas quotas;
    private final SinkConfig sinks;
    private final Map<StatementId, Execution> executions = new ConcurrentHashMap<>();
    private final Map<StatementId, CompletableFuture<Void>> completions = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** A service whose statements cannot write to JDBC sinks (none configured) and whose timings go nowhere. */
    public StatementService(
            StatementRepository statements,
            EngineSelector engines,
            SessionService sessions,
            ResultStore results,
            WorkLogs logs,
            StatementConfig config,
            Duration resultTtl,
            Quotas quotas,
            Outbox outbox,
            EventsConfig events,
            Clock clock,
            Supplier<StatementId> ids) {
        this(
                statements,
                engines,
                sessions,
                results,
                logs,
                config,
                SinkConfig.NONE,
                resultTtl,
                quotas,
                outbox,
                events,
                new EventTargets(false),
                clock,
                ids,
                new WorkMetrics(new SimpleMeterRegistry()));
    }

    /**
     * @param sinks the JDBC targets statements may write their results to
     * @param outbox where PROGRESS and LOG events go (state changes write theirs in the repository)
     * @param eventTargets checks a request's external_id and callback_url (refused while webhooks are off)
     * @param metrics times the work from acceptance to its final state
     */
    public StatementService(
            StatementRepository statements,
            EngineSelector engines,
            SessionService sessions,
            ResultStore results,
            WorkLogs logs,
            StatementConfig config,
            SinkConfig sinks,
            Duration resultTtl,
            Quotas quotas,
            Outbox outbox,
            EventsConfig events,
            EventTargets eventTargets,
            Clock clock,
            Supplier<StatementId> ids,
            WorkMetrics metrics) {
        this.eventTargets = requireNonNull(eventTargets, "eventTargets is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.sinks = requireNonNull(sinks, "sinks is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.statements = requireNonNull(statements, "statements is null");
        this.results = requireNonNull(results, "results is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.engines = requireNonNull(engines, "engines is null");
        this.runner = new StatementRunner(
                statements,
                engines,
                results,
                logs,
                new WorkEvents(outbox, results, events, clock),
                clock,
                resultTtl,
                sinks);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(config.maxRunning(), runnable -> {
            Thread thread = new Thread(runnable, "statement-runner-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.lanes = new SessionLanes(executor);
        this.cleaner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "result-cleaner");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.cleanupInterval().toMillis();
        cleaner.scheduleWithFixedDelay(this::closeExpiredResults, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes back the work a previous run of the gateway left unfinished, in the order it was
     * accepted: a RUNNING statement on an engine that is expected back is re-attached once the
     * engine registers again (it fails ENGINE_LOST if it does not); a PENDING one is queued again
     * (nothing ran it yet, so nothing is lost by running it now); a RUNNING one on an engine that
     * is gone cannot finish and is marked FAILED with a reason the client can act on.
     *
     * @param recoveringEngines the engines a previous gateway launched that may register again
     * @return how many were failed
     */
    public int recoverInterruptedWork(java.util.Set<String> recoveringEngines) {
        int failed = 0;
        int resumed = 0;
        for (StatementId id : statements.findUnfinished()) {
            Statement statement = statements.find(id).orElse(null);
            if (statement == null) {
                continue;
            }
            boolean reattach = statement.state() == StatementState.RUNNING
                    && statement.engineId() != null
                    && recoveringEngines.contains(statement.engineId());
            if (statement.state() == StatementState.PENDING || reattach) {
                resume(statement, reattach);
                resumed++;
            } else if (statements.markFailed(
                    id,
                    new StatementError(
                            ErrorCode.GATEWAY_RESTARTED.name(),
                            "the gateway restarted before the statement finished and its engine is gone; submit"
                                    + " it again",
                            null),
                    clock.instant())) {
                failed++;
            }
        }
        if (resumed > 0) {
            log.info("Took back {} statements a previous gateway run left unfinished", resumed);
        }
        if (failed > 0) {
            log.warn("Marked {} statements interrupted by a gateway restart as FAILED", failed);
        }
        return failed;
    }

    private void resume(Statement statement, boolean reattach) {
        if (statement.sessionId() == null) {
            start(statement, executor, Optional.empty(), Admission.none(), reattach);
            return;
        }
        Optional<Session> session = sessions.findAny(new SessionId(statement.sessionId()))
                .filter(found -> !found.state().isTerminal());
        if (session.isEmpty() && !reattach) {
            statements.markFailed(
                    statement.id(),
                    new StatementError(
                            ErrorCode.SESSION_CLOSED.name(),
                            "session " + statement.sessionId() + " was closed while the gateway restarted",
                            null),
                    clock.instant());
            return;
        }
        // through the session's lane: the session's statements still run one at a time, in order
        lanes.accept(statement.sessionId(), lane -> {
            start(statement, lane, session, Admission.none(), reattach);
            return null;
        });
    }

    /** Accepts a statement, runs it, and waits up to its wait timeout for it to finish. */
    public Statement submit(Principal principal, StatementRequest request) throws InterruptedException {
        Duration waitTimeout = StatementRequests.validate(request, eventTargets, config.defaultWaitTimeout());
        StatementRequests.validateSink(request.sink(), sinks);
        Statement accepted = Statement.accepted(
                        newId(),
                        principal.name(),
                        request.statement(),
                        request.parameters(),
                        request.format() == null ? ResultFormat.JSON_ARRAY : request.format(),
                        request.rowLimit(),
                        request.idempotencyKey(),
                        clock.instant())
                .withEventTarget(request.externalId(), request.callbackUrl());
        if (request.sessionId() != null) {
            accepted = accepted.withSession(request.sessionId());
        }
        if (request.context() != null) {
            accepted = accepted.withContext(request.context());
        }
        if (request.sink() != null) {
            accepted = accepted.withSink(SinkResult.requested(request.sink()));
        }
        return submit(principal, accepted, waitTimeout, request.onWaitTimeout());
    }

    /**
     * Stores work already built and validated (a statement, or a job from the job service), runs
     * it, and waits up to {@code waitTimeout} for it to finish. With an idempotency key already
     * used by the owner, returns that work instead. Work in a session is admitted by the session
     * first (404 when it is not the owner's, 409 when it is closed).
     */
    public Statement submit(Principal principal, Statement accepted, Duration waitTimeout, OnWaitTimeout onWaitTimeout)
            throws InterruptedException {
        if (accepted.sessionId() == null) {
            engines.checkContext(principal, accepted.context());
        }
        Statement stored;
        // quotas before the queue, and both before anything is stored: refused work leaves no trace
        Quotas.Reservation reservation = quotas.reserveWork(principal);
        try {
            Admission admission = engines.admit(principal);
            try {
                stored = accepted.sessionId() == null
                        ? insertAndStart(accepted, executor, Optional.empty(), admission)
                        : acceptInSession(principal, accepted, admission);
            } catch (RuntimeException e) {
                admission.close();
                throw e;
            }
        } finally {
            reservation.close();
        }
        if (!stored.id().equals(accepted.id()) && stored.kind() != accepted.kind()) {
            // one key space per owner: a key a statement used cannot name a job, and the other way round
            throw HearthException.aboutField(
                    ErrorCode.CONFLICT,
                    "idempotency_key \"" + accepted.idempotencyKey() + "\" was already used for " + noun(stored.kind())
                            + " " + stored.id(),
                    "idempotency_key");
        }
        Statement current = awaitFinish(stored.id(), waitTimeout);
        if (!current.state().isTerminal() && onWaitTimeout == OnWaitTimeout.CANCEL) {
            cancel(principal, current.id());
            current = awaitFinish(current.id(), Duration.ofSeconds(5));
        }
        return current;
    }

    /**
     * Checks what statements and jobs share (wait timeout, row limit, idempotency key) by the same
     * rules, and returns the wait timeout (the configured default when absent).
     */
    public Duration validateOptions(String waitTimeout, Long rowLimit, String idempotencyKey) {
        return StatementRequests.validateOptions(waitTimeout, rowLimit, idempotencyKey, config.defaultWaitTimeout());
    }

    /**
     * Waits up to {@code timeout} for the principal's statement (or job) to finish, and returns it as
     * it is then (front doors that hold a call open while work runs, such as HiveServer2's
     * GetOperationStatus long poll and Flight SQL's GetFlightInfo).
     */
    public Statement awaitFinish(Principal principal, StatementId id, Duration timeout) throws InterruptedException {
        find(principal, id);
        return awaitFinish(id, timeout);
    }

    /** A new id for work about to be accepted. */
    public StatementId newId() {
        return ids.get();
    }

    /** The time work is accepted at. */
    public Clock clock() {
        return clock;
    }

    public Statement find(Principal principal, StatementId id) {
        return statements
                .find(id)
                .filter(statement -> principal.mayAccess(statement.owner()))
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "statement " + id + " does not exist"));
    }

    /** The principal's work of one kind: a job's id is not found as a statement, nor the other way round. */
    public Statement find(Principal principal, StatementId id, WorkKind kind) {
        return statements
                .find(id)
                .filter(statement -> principal.mayAccess(statement.owner()) && statement.kind() == kind)
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, noun(kind) + " " + id + " does not exist"));
    }

    /** The statements or jobs a listing shows, newest first. */
    public List<Statement> list(
            OwnerFilter filter,
            WorkKind kind,
            Optional<StatementState> state,
            Optional<StatementPage> page,
            int limit) {
        return list(filter, kind, state, Optional.empty(), page, limit);
    }

    /** The same, only the work of one session (the caller's own, as every list). */
    public List<Statement> list(
            OwnerFilter filter,
            WorkKind kind,
            Optional<StatementState> state,
            Optional<String> sessionId,
            Optional<StatementPage> page,
            int limit) {
        return filter.matchesNothing()
                ? List.of()
                : statements.list(filter.owner(), kind, state, sessionId, page, limit);
    }

    /**
     * How far a statement running on this gateway has got; empty unless it is RUNNING as read (its
     * runner lingers a moment after the store says it ended).
     */
    public Optional<Progress> progress(Statement statement) {
        if (statement.state() != StatementState.RUNNING) {
            return Optional.empty();
        }
        Execution execution = executions.get(statement.id());
        return execution == null ? Optional.empty() : Optional.ofNullable(execution.progress());
    }

    /** The tail of a statement's or job's log, or empty when it logged nothing. */
    public Optional<String> logTail(Statement statement, int maxBytes) {
        return logs.tail(statement.id(), maxBytes);
    }

    /** Asks a statement to stop; a finished statement is left as it is. */
    public Statement cancel(Principal principal, StatementId id) {
        Statement statement = find(principal, id);
        if (statement.state().isTerminal()) {
            return statement;
        }
        Execution execution = executions.get(id);
        if (execution != null) {
            execution.cancel();
        }
        if (statement.state() == StatementState.PENDING || execution == null) {
            // not on an engine yet (or not on this gateway): nothing to stop there
            if (statements.markCanceled(id, clock.instant())) {
                finished(id);
            }
        }
        return find(principal, id);
    }

    /** Cancels every statement of a session still queued or running (the session was closed). */
    public void cancelSessionWork(SessionId sessionId) {
        // newest first: the queued ones are CANCELED before the running one stops and frees the lane
        // (a queued statement whose turn came in a closed session would fail SESSION_CLOSED instead)
        for (StatementId id : Lists.reverse(statements.findUnfinishedInSession(sessionId.value()))) {
            Statement statement = statements.find(id).orElse(null);
            if (statement != null) {
                cancel(new Principal(statement.owner()), id);
            }
        }
    }

    /**
     * Opens a chunk of a statement's result; once open, it can be read even if the result expires
     * meanwhile.
     */
    public ResultStore.Chunk openChunk(Statement statement, int chunkIndex) {
        try {
            return results.openChunk(statement.id().value(), chunkIndex, statement.manifest());
        } catch (HearthException e) {
            if (e.errorCode() == ErrorCode.NOT_FOUND) {
                // gone since the statement was read: its result expired meanwhile
                throw new HearthException(
                        ErrorCode.RESULT_EXPIRED,
                        "the result of " + noun(statement.kind()) + " " + statement.id() + " has expired");
            }
            throw e;
        }
    }

    /** Fails unless the statement has a result with this chunk. */
    public Statement requireResult(Statement statement, int chunkIndex) {
        String name = noun(statement.kind()) + " " + statement.id();
        switch (statement.state()) {
            case SUCCEEDED -> {}
            case CLOSED ->
                throw new HearthException(ErrorCode.RESULT_EXPIRED, "the result of " + name + " has expired");
            case PENDING, RUNNING ->
                throw new HearthException(
                        ErrorCode.CONFLICT, name + " is " + statement.state() + "; it has no result yet");
            case FAILED, CANCELED ->
                throw new HearthException(ErrorCode.CONFLICT, name + " is " + statement.state() + "; it has no result");
        }
        int chunks = statement.manifest().totalChunkCount();
        if (chunkIndex < 0 || chunkIndex >= chunks) {
            String detail = statement.resultValue() != null
                    ? name + " returned a value, not rows; it has no chunks"
                    : name + " has " + chunks + " chunk(s); chunk " + chunkIndex + " does not exist";
            throw new HearthException(ErrorCode.NOT_FOUND, detail);
        }
        return statement;
    }

    private static String noun(WorkKind kind) {
        return switch (kind) {
            case STATEMENT -> "statement";
            case JOB -> "job";
        };
    }

    private Statement acceptInSession(Principal principal, Statement accepted, Admission admission) {
        Session session = sessions.admit(principal, new SessionId(accepted.sessionId()));
        if (accepted.context() != null && !accepted.context().equals(session.context())) {
            throw HearthException.invalidField(
                    "context",
                    "the statement names context " + accepted.context() + " but session " + session.id()
                            + " runs in context " + session.context());
        }
        return lanes.accept(
                session.id().value(), lane -> insertAndStart(accepted, lane, Optional.of(session), admission));
    }

    /** Stores the work and starts it; the admission goes with it, or is given back for a repeat. */
    private Statement insertAndStart(
            Statement accepted, Executor runOn, Optional<Session> session, Admission admission) {
        Statement stored = statements.insert(accepted);
        if (stored.id().equals(accepted.id())) {
            start(stored, runOn, session, admission);
        } else {
            admission.close();
        }
        return stored;
    }

    private void start(Statement statement, Executor runOn, Optional<Session> session, Admission admission) {
        start(statement, runOn, session, admission, false);
    }

    private void start(
            Statement statement, Executor runOn, Optional<Session> session, Admission admission, boolean reattach) {
        Execution execution = new Execution(statement.id());
        executions.put(statement.id(), execution);
        completions.computeIfAbsent(statement.id(), id -> new CompletableFuture<>());
        // the request that submitted it, so the runner's log lines can be matched to it
        String requestId = MDC.get(MDC_REQUEST_ID);
        runOn.execute(() -> {
            putWorkContext(statement, requestId);
            try {
                if (stopping) {
                    return; // the gateway stops: it stays PENDING (or RUNNING) for the next one to take back
                }
                if (reattach) {
                    runner.reattach(statement, execution);
                    if (session.isPresent()) {
                        sessions.touch(session.get().id());
                    }
                } else if (session.isPresent()) {
                    runInSession(statement, execution, session.get(), admission);
                } else {
                    runner.run(statement, execution, Optional.empty(), admission);
                }
            } finally {
                admission.close();
                executions.remove(statement.id());
                // timed before its waiters are told: whoever saw it finish finds it counted
                recordDuration(statement.id());
                finished(statement.id());
                // a runner thread goes back to the pool clean: the next work must not log as this one
                MDC.clear();
            }
        });
    }

    /** A store that fails now (the gateway stops) costs one sample, never the waiters' wake-up. */
    private void recordDuration(StatementId id) {
        try {
            statements.find(id).ifPresent(metrics::finished);
        } catch (RuntimeException e) {
            log.debug("Could not time {}: {}", id, e.toString());
        }
    }

    /** Who and what the runner's log lines are about (MDC keys: docs/operations.md). */
    private static void putWorkContext(Statement statement, String requestId) {
        MDC.clear();
        if (requestId != null) {
            MDC.put(MDC_REQUEST_ID, requestId);
        }
        MDC.put("user", statement.owner());
        MDC.put(
                statement.kind() == WorkKind.JOB ? "job_id" : "statement_id",
                statement.id().value());
        if (statement.sessionId() != null) {
            MDC.put("session_id", statement.sessionId());
        }
    }

    /** Its turn in the session's lane has come: it runs if the session is still open. */
    private void runInSession(Statement statement, Execution execution, Session session, Admission admission) {
        try {
            sessions.requireOpen(session.id());
        } catch (HearthException e) {
            statements.markFailed(
                    statement.id(), new StatementError(e.errorCode().name(), e.getMessage(), null), clock.instant());
            return;
        }
        try {
            runner.run(statement, execution, Optional.of(session.engineId()), admission);
        } finally {
            sessions.touch(session.id());
        }
    }

    private void finished(StatementId id) {
        CompletableFuture<Void> completion = completions.remove(id);
        if (completion != null) {
            completion.complete(null);
        }
    }

    private Statement awaitFinish(StatementId id, Duration timeout) throws InterruptedException {
        Statement statement = statements.find(id).orElseThrow();
        if (statement.state().isTerminal() || timeout.isZero()) {
            return statement;
        }
        CompletableFuture<Void> completion = completions.get(id);
        if (completion != null) {
            try {
                completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still running: the client polls
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        return statements.find(id).orElseThrow();
    }

    void closeExpiredResults() {
        try {
            for (StatementId id : statements.findExpired(clock.instant(), CLEANUP_BATCH)) {
                results.delete(id.value());
                logs.delete(id);
                statements.markClosed(id);
            }
        } catch (RuntimeException e) {
            log.warn("Closing expired results failed; will retry: {}", e.getMessage());
        }
    }

    /**
     * The gateway is about to stop: queued work stays PENDING for the next gateway rather than
     * start on an engine this one is letting go of.
     */
    public void stopStartingWork() {
        stopping = true;
    }

    @Override
    public void close() {
        // running statements end with their engines (the pool is closed first) as FAILED, or, when
        // the engines outlive the gateway, stay RUNNING for the next gateway; queued ones stay PENDING
        stopping = true;
        cleaner.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
