package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.spi.HearthJob;
import io.hearth.api.spi.JobCanceledException;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.JobInvocation;
import io.hearth.protocol.v1.StatementCompleted;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementFailed;
import io.hearth.protocol.v1.StatementStarted;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one job: STARTED, LOG and PROGRESS while it runs, then a Dataset result as SCHEMA and
 * BATCHes (like a statement's) or a value in COMPLETED; FAILED when it throws. The job runs under
 * the Spark job group of its id (so canceling it cancels its Spark jobs), with its own class loader
 * as the thread's context class loader.
 */
final class JobExecution implements EngineWork {
    private static final Logger log = LoggerFactory.getLogger(JobExecution.class);

    private final SparkSession spark;
    private final JobClasses classes;
    private final NamedObjects objects;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecuteStatementRequest request;
    private final RunningStatement statement;
    private final StatementEventStream events;
    private final ResultStreamer results;

    JobExecution(
            SparkSession spark,
            JobClasses classes,
            NamedObjects objects,
            ObjectMapper json,
            Clock clock,
            ExecuteStatementRequest request,
            RunningStatement statement,
            StatementEventStream events,
            ResultStreamer results) {
        this.spark = requireNonNull(spark, "spark is null");
        this.classes = requireNonNull(classes, "classes is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.request = requireNonNull(request, "request is null");
        this.statement = requireNonNull(statement, "statement is null");
        this.events = requireNonNull(events, "events is null");
        this.results = requireNonNull(results, "results is null");
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
        } catch (InvalidJobException e) {
            outcome = failed(StatementFailures.invalidJob(e));
        } catch (InvalidParameterException e) {
            outcome = failed(StatementFailures.invalidParameter(e));
        } catch (CallCancelledException e) {
            log.info("Job {} stopped: the gateway cancelled the call", statement.statementId());
            return;
        } catch (Exception | LinkageError | StackOverflowError e) {
            if (statement.isCanceled() || e instanceof JobCanceledException) {
                outcome = failed(StatementFailures.canceled());
            } else {
                log.info("Job {} failed: {}", statement.statementId(), e.toString());
                outcome = failed(StatementFailures.jobFailed(e));
            }
        }
        log.info("Job {} finished in {} ms", statement.statementId(), clock.millis() - startedAt);
        events.finish(outcome);
    }

    private StatementEvent execute() throws Exception {
        JobInvocation invocation = request.getJob();
        LoadedJob job =
                classes.load(invocation.getArtifactPath(), invocation.getArtifactSha256(), invocation.getClassName());
        Record parameters = bind(job, invocation.getParametersJson());
        HearthJob<Record, ?> instance = instantiate(job);
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        SparkContext context = spark.sparkContext();
        thread.setContextClassLoader(job.loader());
        context.setJobGroup(
                statement.statementId(),
                "Hearth job " + job.jobClass().getSimpleName() + " for " + request.getUser(),
                true);
        SchedulerPools.enter(context, request.getUser());
        try {
            RunningJobContext jobContext = new RunningJobContext(spark, statement, events, objects, clock);
            Object result;
            try {
                result = instance.run(jobContext, parameters);
            } finally {
                jobContext.close();
            }
            if (statement.isCanceled()) {
                return failed(StatementFailures.canceled());
            }
            if (result instanceof Dataset<?> dataset) {
                return results.stream(dataset.toDF(), request.getRowLimit());
            }
            return value(result);
        } finally {
            SchedulerPools.leave(context);
            context.clearJobGroup();
            thread.setContextClassLoader(previousLoader);
        }
    }

    private Record bind(LoadedJob job, String parametersJson) throws InvalidParameterException {
        try {
            Record bound = json.readValue(parametersJson.isBlank() ? "{}" : parametersJson, job.parametersType());
            if (bound == null) {
                throw new InvalidParameterException("the parameters must be a JSON object");
            }
            return bound;
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("the parameters do not fit "
                    + job.parametersType().getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static HearthJob<Record, ?> instantiate(LoadedJob job) throws Exception {
        try {
            return (HearthJob<Record, ?>) job.jobClass().getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private StatementEvent value(Object result) {
        String valueJson;
        try {
            valueJson = json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            return failed(StatementFailures.invalidResult("the job's result ("
                    + result.getClass().getName() + ") cannot be written as JSON: " + e.getOriginalMessage()));
        }
        return StatementEvent.newBuilder()
                .setCompleted(StatementCompleted.newBuilder().setHasValue(true).setValueJson(valueJson))
                .build();
    }

    private static StatementEvent failed(StatementFailed failure) {
        return StatementEvent.newBuilder().setFailed(failure).build();
    }
}
