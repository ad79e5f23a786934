package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.spi.JobCanceledException;
import io.hearth.api.spi.JobContext;
import io.hearth.api.spi.JobLogger;
import io.hearth.protocol.v1.LogLine;
import io.hearth.protocol.v1.StatementEvent;
import java.time.Clock;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobContext} of one running job: log lines and progress go to the gateway as events.
 * A job may log from threads of its own, so sends are serialised here; once the job's {@code run}
 * returned, lines only reach the engine's log (the result's events follow on the stream).
 */
final class RunningJobContext implements JobContext {
    private static final Logger jobLog = LoggerFactory.getLogger("io.hearth.job");

    private final SparkSession spark;
    private final RunningStatement statement;
    private final StatementEventStream events;
    private final NamedObjects objects;
    private final Clock clock;
    private final JobLogger logger = new EventLogger();
    private boolean closed;

    RunningJobContext(
            SparkSession spark,
            RunningStatement statement,
            StatementEventStream events,
            NamedObjects objects,
            Clock clock) {
        this.spark = requireNonNull(spark, "spark is null");
        this.statement = requireNonNull(statement, "statement is null");
        this.events = requireNonNull(events, "events is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public SparkSession spark() {
        return spark;
    }

    @Override
    public String jobId() {
        return statement.statementId();
    }

    @Override
    public JobLogger logger() {
        return logger;
    }

    @Override
    public void progress(String message) {
        // goes out with Spark's stage and task counts, in the statement's next progress report
        statement.progressMessage(message == null ? "" : message);
    }

    @Override
    public boolean isCanceled() {
        return statement.isCanceled();
    }

    @Override
    public void checkCanceled() {
        if (statement.isCanceled()) {
            throw new JobCanceledException(jobId());
        }
    }

    @Override
    public void persist(String name, Dataset<Row> dataset) {
        objects.persist(name, dataset, jobId());
    }

    @Override
    public Optional<Dataset<Row>> find(String name) {
        return objects.find(name);
    }

    @Override
    public boolean remove(String name) {
        return objects.remove(name);
    }

    /** The job's run returned: later lines from its threads go to the engine's log only. */
    synchronized void close() {
        closed = true;
    }

    private synchronized void send(StatementEvent event) {
        if (closed) {
            return;
        }
        try {
            events.send(event); // false when the gateway went away; the job learns of it by being canceled
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void line(String level, String message) {
        String text = String.valueOf(message);
        switch (level) {
            case "ERROR" -> jobLog.error("[{}] {}", jobId(), text);
            case "WARN" -> jobLog.warn("[{}] {}", jobId(), text);
            default -> jobLog.info("[{}] {}", jobId(), text);
        }
        send(StatementEvent.newBuilder()
                .setLog(LogLine.newBuilder()
                        .setEpochMillis(clock.millis())
                        .setLevel(level)
                        .setMessage(text))
                .build());
    }

    private final class EventLogger implements JobLogger {
        @Override
        public void info(String message) {
            line("INFO", message);
        }

        @Override
        public void warn(String message) {
            line("WARN", message);
        }

        @Override
        public void error(String message) {
            line("ERROR", message);
        }
    }
}
