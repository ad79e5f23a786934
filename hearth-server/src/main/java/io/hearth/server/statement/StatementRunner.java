package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.ResultFormat;
import io.hearth.api.statement.ColumnInfo;
import io.hearth.api.statement.Progress;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.ResultSchema;
import io.hearth.api.statement.SinkResult;
import io.hearth.api.statement.StatementError;
import io.hearth.api.statement.StatementParameter;
import io.hearth.protocol.v1.Column;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.JdbcSink;
import io.hearth.protocol.v1.JobInvocation;
import io.hearth.protocol.v1.Parameter;
import io.hearth.protocol.v1.SinkWritten;
import io.hearth.protocol.v1.StatementCompleted;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementFailed;
import io.hearth.protocol.v1.StatementProgress;
import io.hearth.server.auth.Principal;
import io.hearth.server.engine.Admission;
import io.hearth.server.engine.EngineLease;
import io.hearth.server.engine.EngineRequest;
import io.hearth.server.engine.EngineSelector;
import io.hearth.server.result.ResultStore;
import io.hearth.server.result.ResultWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Runs one accepted statement on an engine and stores its outcome. */
final class StatementRunner {
    private static final Logger log = LoggerFactory.getLogger(StatementRunner.class);
    /** How long a broken engine call waits for the supervisor to say why (a process exit is seen at once). */
    private static final Duration LOST_REASON_PATIENCE = Duration.ofSeconds(2);

    private final StatementRepository statements;
    private final EngineSelector engines;
    private final ResultStore results;
    private final Clock clock;
    private final Duration resultTtl;
    private final WorkLogs logs;
    private final SinkConfig sinks;
    private final WorkEvents workEvents;

    StatementRunner(
            StatementRepository statements,
            EngineSelector engines,
            ResultStore results,
            WorkLogs logs,
            WorkEvents events,
            Clock clock,
            Duration resultTtl,
            SinkConfig sinks) {
        this.sinks = requireNonNull(sinks, "sinks is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.workEvents = requireNonNull(events, "events is null");
        this.statements = requireNonNull(statements, "statements is null");
        this.engines = requireNonNull(engines, "engines is null");
        this.results = requireNonNull(results, "results is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.resultTtl = requireNonNull(resultTtl, "resultTtl is null");
    }

    /**
     * @param boundEngine the engine it must run on (its session's), or empty for any
     * @param admission its place in the admission queue, given back once it has an engine
     */
    void run(Statement statement, Execution execution, Optional<String> boundEngine, Admission admission) {
        run(statement, execution, boundEngine, admission, false);
    }

    /**
     * Takes back a statement a previous gateway left RUNNING on an engine that registered again:
     * its events come again from the beginning (AttachStatement) and its result is written anew.
     */
    void reattach(Statement statement, Execution execution) {
        run(statement, execution, Optional.of(statement.engineId()), Admission.none(), true);
    }

    private void run(
            Statement statement,
            Execution execution,
            Optional<String> boundEngine,
            Admission admission,
            boolean reattach) {
        // the caller set who and what (StatementService); the engine comes once one is leased
        try {
            runOnEngine(statement, execution, boundEngine, admission, reattach);
        } catch (InterruptedException e) {
            statements.markCanceled(statement.id(), clock.instant());
            Thread.currentThread().interrupt();
        } catch (HearthException e) {
            fail(statement, new StatementError(e.errorCode().name(), e.getMessage(), null));
        } catch (RuntimeException e) {
            log.error("Statement {} failed inside the gateway", statement.id(), e);
            fail(
                    statement,
                    new StatementError(
                            ErrorCode.INTERNAL_ERROR.name(), "the gateway failed to run the statement", null));
        } finally {
            MDC.remove("engine_id");
        }
    }

    private void runOnEngine(
            Statement statement,
            Execution execution,
            Optional<String> boundEngine,
            Admission admission,
            boolean reattach)
            throws InterruptedException {
        try (EngineLease lease = boundEngine.isPresent()
                ? engines.acquireEngine(boundEngine.get())
                : engines.acquire(new EngineRequest(
                        new Principal(statement.owner()),
                        Optional.ofNullable(statement.context()),
                        statement.id().value()))) {
            admission.close();
            if (reattach) {
                log.info("Re-attaching statement {} on engine {}", statement.id(), lease.engineId());
            } else if (!statements.markRunning(statement.id(), lease.engineId(), clock.instant())) {
                return; // canceled while it waited for the engine
            }
            MDC.put("engine_id", lease.engineId());
            Context.CancellableContext context = Context.current().withCancellation();
            execution.attach(lease.connection(), context);
            try {
                context.run(() -> stream(statement, lease, context, execution, reattach));
            } catch (StatusRuntimeException e) {
                if (lease.connection().isDetached()) {
                    // the gateway stops and leaves the engine running it: the next gateway re-attaches
                    log.info(
                            "Statement {} goes on on engine {} without this gateway", statement.id(), lease.engineId());
                    return;
                }
                if (reattach && e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                    fail(
                            statement,
                            new StatementError(
                                    ErrorCode.ENGINE_LOST.name(),
                                    "the gateway restarted and engine " + lease.engineId()
                                            + " no longer had the statement's work to re-attach to: "
                                            + e.getStatus().getDescription(),
                                    null));
                    return;
                }
                String lost = execution.isCanceled()
                        ? null
                        : lease.connection()
                                .awaitLostReason(LOST_REASON_PATIENCE)
                                .orElse(null);
                if (lost != null) {
                    fail(statement, new StatementError(ErrorCode.ENGINE_LOST.name(), lost, null));
                } else if (execution.isCanceled()) {
                    statements.markCanceled(statement.id(), clock.instant());
                } else {
                    log.warn("Statement {} lost its engine call: {}", statement.id(), e.getStatus());
                    fail(
                            statement,
                            new StatementError(
                                    ErrorCode.ENGINE_LOST.name(),
                                    "the engine stopped answering: "
                                            + e.getStatus().getCode(),
                                    null));
                }
            } finally {
                context.cancel(null);
            }
        }
    }

    private void stream(
            Statement statement,
            EngineLease lease,
            Context.CancellableContext context,
            Execution execution,
            boolean reattach) {
        ResultWriter writer = results.openWriter(statement.id().value());
        boolean done = false;
        try {
            Iterator<StatementEvent> events = reattach
                    ? lease.connection().attach(statement.id().value())
                    : lease.connection().execute(request(statement));
            boolean keptAll = true;
            WorkEvents.Run run = workEvents.start(statement);
            while (events.hasNext()) {
                StatementEvent event = events.next();
                switch (event.getEventCase()) {
                    case STARTED -> log.debug("Statement {} started on {}", statement.id(), lease.engineId());
                    case SCHEMA ->
                        writer.schema(
                                event.getSchema().getArrowSchema().toByteArray(),
                                columns(event.getSchema().getColumnsList()));
                    case BATCH -> {
                        if (keptAll
                                && !writer.batch(
                                        event.getBatch().getArrowRecordBatch().toByteArray(),
                                        event.getBatch().getRowCount())) {
                            // the result passed result.max-bytes: keep what fits, stop the engine's work
                            keptAll = false;
                            ResultManifest manifest = writer.complete(true);
                            done = succeed(statement, manifest, null);
                            execution.cancelQuietly();
                            context.cancel(null);
                            return;
                        }
                    }
                    case COMPLETED -> {
                        StatementCompleted completed = event.getCompleted();
                        if (completed.hasSinkWritten()) {
                            // written to the sink, not sent: nothing was written to the result store
                            writer.abort();
                            SinkWritten written = completed.getSinkWritten();
                            statements.recordSink(
                                    statement.id(),
                                    statement
                                            .sink()
                                            .withRowsWritten(written.getRowsKnown() ? written.getRowsWritten() : null));
                            done = succeed(statement, noRows(), null);
                        } else if (completed.getHasValue()) {
                            // a job's value, not rows: no SCHEMA came, so nothing was written
                            writer.abort();
                            done = succeed(statement, noRows(), completed.getValueJson());
                        } else {
                            done = succeed(statement, writer.complete(completed.getTruncated()), null);
                        }
                    }
                    case FAILED -> {
                        writer.abort();
                        done = true;
                        failed(statement, event.getFailed(), execution);
                    }
                    case PROGRESS -> {
                        Progress progress = progress(event.getProgress());
                        execution.progress(progress);
                        run.progress(progress);
                    }
                    case LOG -> {
                        logs.append(statement.id(), event.getLog());
                        run.log(event.getLog());
                    }
                    case EVENT_NOT_SET -> log.warn("Statement {} got an empty event", statement.id());
                }
            }
            if (!done) {
                fail(
                        statement,
                        new StatementError(
                                ErrorCode.ENGINE_LOST.name(), "the engine ended the statement without a result", null));
            }
            // the outcome is stored: the engine may forget the events it kept for a re-attach
            lease.connection().release(statement.id().value());
        } finally {
            if (!done) {
                writer.abort();
            }
            writer.close();
        }
    }

    private boolean succeed(Statement statement, ResultManifest manifest, String value) {
        Instant now = clock.instant();
        ResultManifest withFormat = manifest.withFormat(statement.format());
        InlineChunk firstChunk = workEvents.firstChunk(statement, withFormat);
        if (!statements.markSucceeded(statement.id(), withFormat, value, firstChunk, now, now.plus(resultTtl))) {
            // canceled meanwhile: the result is not wanted
            results.delete(statement.id().value());
        }
        return true;
    }

    private void failed(Statement statement, StatementFailed failed, Execution execution) {
        if (failed.getCanceled() || execution.isCanceled()) {
            statements.markCanceled(statement.id(), clock.instant());
            return;
        }
        fail(
                statement,
                new StatementError(
                        failed.getErrorClass(),
                        failed.getMessage(),
                        failed.getSqlState().isEmpty() ? null : failed.getSqlState()));
    }

    private void fail(Statement statement, StatementError error) {
        statements.markFailed(statement.id(), error, clock.instant());
    }

    private ExecuteStatementRequest request(Statement statement) {
        ExecuteStatementRequest.Builder request = ExecuteStatementRequest.newBuilder()
                .setStatementId(statement.id().value())
                .setSql(statement.text())
                .setUser(statement.owner());
        if (statement.sessionId() != null) {
            request.setSessionId(statement.sessionId());
        }
        JobSpec job = statement.job();
        if (job != null) {
            request.setJob(JobInvocation.newBuilder()
                    .setArtifactPath(job.artifactPath())
                    .setArtifactSha256(job.artifactSha256())
                    .setClassName(job.className())
                    .setParametersJson(job.parametersJson()));
        }
        if (statement.rowLimit() != null) {
            request.setRowLimit(statement.rowLimit());
        }
        if (statement.sink() != null) {
            request.setSink(sink(statement.sink()));
        }
        for (StatementParameter parameter : statement.parameters()) {
            Parameter.Builder builder = Parameter.newBuilder()
                    .setName(parameter.name())
                    .setType(parameter.type() == null ? "STRING" : parameter.type());
            if (parameter.value() == null) {
                builder.setIsNull(true);
            } else {
                builder.setValue(parameter.value());
            }
            request.addParameters(builder);
        }
        return request.build();
    }

    /** The sink as the engine needs it: a JDBC target's connection comes from the configuration. */
    private io.hearth.protocol.v1.ResultSink sink(SinkResult sink) {
        io.hearth.protocol.v1.ResultSink.Builder builder = io.hearth.protocol.v1.ResultSink.newBuilder()
                .setMode(sink.mode().name());
        if (sink.table() != null) {
            return builder.setTable(sink.table()).build();
        }
        SinkConfig.JdbcTarget target = sinks.jdbcTarget(sink.jdbc().target())
                .orElseThrow(() -> new HearthException(
                        ErrorCode.INVALID_REQUEST,
                        "JDBC target \"" + sink.jdbc().target() + "\" is no longer configured (sinks.jdbc.*)"));
        return builder.setJdbc(JdbcSink.newBuilder()
                        .setUrl(target.url())
                        .setUser(target.user())
                        .setPassword(target.password())
                        .setDriver(target.driver())
                        .setTable(sink.jdbc().table()))
                .build();
    }

    /** The manifest of a result without rows: a job that returned a value has one. */
    private static ResultManifest noRows() {
        return new ResultManifest(ResultFormat.JSON_ARRAY, new ResultSchema(List.of()), 0, 0, 0, false, List.of());
    }

    private static Progress progress(StatementProgress progress) {
        return new Progress(
                progress.getStagesCompleted(),
                progress.getStagesTotal(),
                progress.getTasksCompleted(),
                progress.getTasksTotal(),
                progress.getMessage().isEmpty() ? null : progress.getMessage());
    }

    private static List<ColumnInfo> columns(List<Column> columns) {
        List<ColumnInfo> infos = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            infos.add(new ColumnInfo(column.getName(), column.getType(), i, column.getNullable()));
        }
        return infos;
    }
}
