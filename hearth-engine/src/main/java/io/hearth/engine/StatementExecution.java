package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementFailed;
import io.hearth.protocol.v1.StatementStarted;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of one statement: STARTED, SCHEMA, BATCH..., then COMPLETED or FAILED. */
final class StatementExecution implements EngineWork {
    private static final Logger log = LoggerFactory.getLogger(StatementExecution.class);
    private static final String TIME_ZONE_KEY = "spark.sql.session.timeZone";

    private final SparkSession spark;
    private final ParameterBinder parameters;
    private final Clock clock;
    private final ExecuteStatementRequest request;
    private final RunningStatement statement;
    private final StatementEventStream events;
    private final ResultStreamer results;

    StatementExecution(
            SparkSession spark,
            SparkArrowAdapter arrow,
            ArrowMessages messages,
            ParameterBinder parameters,
            Clock clock,
            int maxBatchBytes,
            ExecuteStatementRequest request,
            RunningStatement statement,
            StatementEventStream events) {
        this.spark = requireNonNull(spark, "spark is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.request = requireNonNull(request, "request is null");
        this.statement = requireNonNull(statement, "statement is null");
        this.events = requireNonNull(events, "events is null");
        this.results = new ResultStreamer(arrow, messages, maxBatchBytes, statement, events);
    }

    @Override
    public void run() throws InterruptedException {
        long startedAt = clock.millis();
        if (!events.send(StatementEvent.newBuilder()
                .setStarted(StatementStarted.newBuilder().setStartedAtEpochMillis(startedAt))
                .build())) {
            return;
        }
        StatementEvent outcome;
        try {
            outcome = execute();
        } catch (InvalidParameterException e) {
            outcome = failed(StatementFailures.invalidParameter(e));
        } catch (CallCancelledException e) {
            log.info("Statement {} stopped: the gateway cancelled the call", statement.statementId());
            return;
        } catch (Exception | StackOverflowError e) {
            if (statement.isCanceled()) {
                outcome = failed(StatementFailures.canceled());
            } else {
                log.info("Statement {} failed: {}", statement.statementId(), e.toString());
                outcome = failed(StatementFailures.fromThrowable(e));
            }
        }
        log.info("Statement {} finished in {} ms", statement.statementId(), clock.millis() - startedAt);
        events.finish(outcome);
    }

    private StatementEvent execute() throws InvalidParameterException, InterruptedException {
        ZoneId sessionZone = ZoneId.of(spark.conf().get(TIME_ZONE_KEY));
        Map<String, Object> args = parameters.bind(request.getParametersList(), sessionZone);
        SparkContext context = spark.sparkContext();
        context.setJobGroup(statement.statementId(), "Hearth statement for " + request.getUser(), true);
        SchedulerPools.enter(context, request.getUser());
        try {
            Dataset<Row> result = args.isEmpty() ? spark.sql(request.getSql()) : spark.sql(request.getSql(), args);
            if (request.hasSink()) {
                return ResultSinkWriter.write(result, request.getSink(), request.getRowLimit());
            }
            return results.stream(result, request.getRowLimit());
        } finally {
            SchedulerPools.leave(context);
            context.clearJobGroup();
        }
    }

    private static StatementEvent failed(StatementFailed failure) {
        return StatementEvent.newBuilder().setFailed(failure).build();
    }
}
