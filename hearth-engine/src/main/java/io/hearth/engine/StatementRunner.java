package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementStarted;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs statements and jobs on its own threads (never gRPC's), each under a Spark job group named
 * by its statement id, in the SparkSession of its session (or the shared one), and cancels them by
 * that id.
 */
final class StatementRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatementRunner.class);
    private static final Duration EARLY_CANCEL_MEMORY = Duration.ofMinutes(1);

    private final SparkSession spark;
    private final SessionRegistry sessions;
    private final SparkArrowAdapter arrow;
    private final ArrowMessages messages;
    private final ParameterBinder parameters;
    private final EngineJobs jobs;
    private final Clock clock;
    private final int maxBatchBytes;
    private final ExecutorService executor;
    private final ConcurrentMap<String, RunningStatement> running = new ConcurrentHashMap<>();
    /** Cancels that came before their statement (the gateway's cancel raced its execute call). */
    private final ConcurrentMap<String, Instant> earlyCancels = new ConcurrentHashMap<>();

    private final StatementSpools spools;

    StatementRunner(
            SparkSession spark,
            SessionRegistry sessions,
            SparkArrowAdapter arrow,
            ArrowMessages messages,
            ParameterBinder parameters,
            EngineJobs jobs,
            Clock clock,
            int maxBatchBytes,
            StatementSpools spools) {
        this(
                spark,
                sessions,
                arrow,
                messages,
                parameters,
                jobs,
                clock,
                maxBatchBytes,
                spools,
                new NamedThreadFactory("hearth-statement", true));
    }

    /** @param threads makes the statement threads (a late-bound engine's run as its proxy user) */
    StatementRunner(
            SparkSession spark,
            SessionRegistry sessions,
            SparkArrowAdapter arrow,
            ArrowMessages messages,
            ParameterBinder parameters,
            EngineJobs jobs,
            Clock clock,
            int maxBatchBytes,
            StatementSpools spools,
            ThreadFactory threads) {
        this.spools = requireNonNull(spools, "spools is null");
        this.executor = Executors.newCachedThreadPool(requireNonNull(threads, "threads is null"));
        this.spark = requireNonNull(spark, "spark is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.arrow = requireNonNull(arrow, "arrow is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (maxBatchBytes <= 0) {
            throw new IllegalArgumentException("maxBatchBytes must be positive: " + maxBatchBytes);
        }
        this.maxBatchBytes = maxBatchBytes;
    }

    /** Called on a gRPC thread: installs the call's handlers and hands the work to a statement thread. */
    void execute(ExecuteStatementRequest request, ServerCallStreamObserver<StatementEvent> observer) {
        String statementId = request.getStatementId();
        if (statementId.isEmpty()) {
            observer.onError(Status.INVALID_ARGUMENT
                    .withDescription("statement_id is empty")
                    .asRuntimeException());
            return;
        }
        spools.deleteExpired();
        RunningStatement statement = new RunningStatement(statementId, clock);
        if (running.putIfAbsent(statementId, statement) != null) {
            observer.onError(Status.ALREADY_EXISTS
                    .withDescription("statement " + statementId + " is already running")
                    .asRuntimeException());
            return;
        }
        StatementEventStream events =
                new StatementEventStream(observer, spool(statementId), clock, () -> cancelIfRunning(statement));
        statement.reportProgressTo(events);
        if (earlyCancels.remove(statementId) != null) {
            cancelIfRunning(statement);
        }
        Optional<SparkSession> session = sessions.find(request.getSessionId());
        EngineWork execution;
        if (session.isEmpty()) {
            execution = () -> reportUnknownSession(request, events);
        } else if (request.hasJob()) {
            execution = jobs.execution(
                    session.get(),
                    request,
                    statement,
                    events,
                    new ResultStreamer(arrow, messages, maxBatchBytes, statement, events));
        } else {
            execution = new StatementExecution(
                    session.get(), arrow, messages, parameters, clock, maxBatchBytes, request, statement, events);
        }
        try {
            executor.execute(() -> run(execution, statement));
        } catch (RejectedExecutionException e) {
            running.remove(statementId, statement);
            observer.onError(
                    Status.UNAVAILABLE.withDescription("the engine is stopping").asRuntimeException());
        }
    }

    /**
     * Cancels a running statement; false when no statement of that id runs. A cancel of an unknown
     * id is remembered a while: the statement's execute call may still be on its way, and a broken
     * call no longer stops a statement (see {@link StatementEventStream}).
     */
    boolean cancel(String statementId) {
        RunningStatement statement = running.get(statementId);
        if (statement == null) {
            Instant now = clock.instant();
            earlyCancels.values().removeIf(at -> at.isBefore(now.minus(EARLY_CANCEL_MEMORY)));
            earlyCancels.put(statementId, now);
            return false;
        }
        return cancelIfRunning(statement);
    }

    /**
     * Streams a statement's kept events from the beginning, then its live ones (a gateway that
     * restarted re-attaches); NOT_FOUND when nothing of it is kept.
     */
    void attach(String statementId, ServerCallStreamObserver<StatementEvent> observer) {
        Optional<StatementSpool> spool = spools.find(statementId);
        if (spool.isEmpty()) {
            observer.onError(Status.NOT_FOUND
                    .withDescription("the engine kept no events of statement " + statementId)
                    .asRuntimeException());
            return;
        }
        log.info("The gateway re-attached to statement {}", statementId);
        SpoolReplay replay = new SpoolReplay(spool.get(), observer);
        try {
            executor.execute(replay::run);
        } catch (RejectedExecutionException e) {
            observer.onError(
                    Status.UNAVAILABLE.withDescription("the engine is stopping").asRuntimeException());
        }
    }

    /** The gateway stored the statement's outcome: its kept events go. */
    boolean release(String statementId) {
        return spools.release(statementId);
    }

    int runningCount() {
        return running.size();
    }

    /** A statement running now, by id (Spark's job group). */
    Optional<RunningStatement> find(String statementId) {
        return Optional.ofNullable(running.get(statementId));
    }

    private Optional<StatementSpool> spool(String statementId) {
        try {
            return Optional.of(spools.create(statementId));
        } catch (IOException e) {
            log.warn(
                    "Cannot keep the events of statement {} ({}); a gateway restart will lose it",
                    statementId,
                    e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        running.values().forEach(this::cancelIfRunning);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Statement threads did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reportUnknownSession(ExecuteStatementRequest request, StatementEventStream events)
            throws InterruptedException {
        if (events.send(StatementEvent.newBuilder()
                .setStarted(StatementStarted.newBuilder().setStartedAtEpochMillis(clock.millis()))
                .build())) {
            events.finish(StatementEvent.newBuilder()
                    .setFailed(StatementFailures.sessionNotFound(request.getSessionId()))
                    .build());
        }
    }

    private void run(EngineWork execution, RunningStatement statement) {
        MDC.put("statementId", statement.statementId());
        try {
            execution.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Statement {} could not report its outcome", statement.statementId(), e);
        } finally {
            running.remove(statement.statementId(), statement);
            MDC.remove("statementId");
        }
    }

    private boolean cancelIfRunning(RunningStatement statement) {
        if (running.get(statement.statementId()) != statement) {
            return false;
        }
        if (statement.markCanceled()) {
            log.info("Canceling statement {}", statement.statementId());
            // "AndFutureJobs": a job submitted just after this call is canceled too, closing the race
            // between the statement thread checking its flag and Spark starting the next job.
            spark.sparkContext().cancelJobGroupAndFutureJobs(statement.statementId(), "canceled by the gateway");
        }
        return true;
    }
}
