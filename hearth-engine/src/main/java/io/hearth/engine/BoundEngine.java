package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.concurrent.ThreadFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * What serves statements, sessions and jobs once the engine has its SparkSession: wired the same
 * way whether the session was built at launch or by a late BindEngine.
 */
final class BoundEngine {
    private final SessionRegistry sessions;
    private final EngineJobs jobs;
    private final StatementRunner statements;
    private final EngineStreams streams;

    BoundEngine(SessionRegistry sessions, EngineJobs jobs, StatementRunner statements) {
        this(sessions, jobs, statements, new EngineStreams(sessions.shared()));
    }

    BoundEngine(SessionRegistry sessions, EngineJobs jobs, StatementRunner statements, EngineStreams streams) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.statements = requireNonNull(statements, "statements is null");
        this.streams = requireNonNull(streams, "streams is null");
    }

    /**
     * Wires the statement runner, sessions, jobs and the progress listener to {@code spark}.
     *
     * @param statementThreads makes the threads statements and jobs run on
     */
    static BoundEngine wire(
            SparkSession spark,
            SparkArrowAdapter arrow,
            BufferAllocator allocator,
            Clock clock,
            StatementSpools spools,
            ThreadFactory statementThreads) {
        SessionRegistry sessions = new SessionRegistry(spark);
        EngineJobs jobs = new EngineJobs(
                new JobClasses(Engine.class.getClassLoader(), spark.sparkContext()::addJar),
                new NamedObjects(clock),
                clock);
        StatementRunner statements = new StatementRunner(
                spark,
                sessions,
                arrow,
                new ArrowMessages(allocator),
                new ParameterBinder(),
                jobs,
                clock,
                Engine.MAX_BATCH_BYTES,
                spools,
                statementThreads);
        SparkContext sparkContext = spark.sparkContext();
        sparkContext.addSparkListener(new StatementProgressListener(
                statements::find, jobId -> sparkContext.cancelJob(jobId, "canceled by the gateway")));
        return new BoundEngine(sessions, jobs, statements, new EngineStreams(spark));
    }

    SessionRegistry sessions() {
        return sessions;
    }

    EngineJobs jobs() {
        return jobs;
    }

    StatementRunner statements() {
        return statements;
    }

    EngineStreams streams() {
        return streams;
    }

    /** Stops the work in flight; the SparkSession is the engine's to stop. */
    void stopWork() {
        streams.close();
        statements.close();
        jobs.close();
    }
}
