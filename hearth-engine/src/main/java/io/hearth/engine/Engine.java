package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.protocol.v1.RegisterEngineRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's lifecycle: build the SparkSession, serve, register with the gateway, wait for a
 * Shutdown call (or the orphan timeout), then stop everything in order.
 */
final class Engine {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration REGISTRATION_PATIENCE = Duration.ofSeconds(60);
    /** Under gRPC's default 4 MiB message limit, with room for the event's framing. */
    static final int MAX_BATCH_BYTES = 3 * 1024 * 1024;
    /** Silence from the gateway (no ping) after which the engine registers again (it may have restarted). */
    static final Duration REREGISTER_AFTER = Duration.ofSeconds(10);
    /** How long a statement's events are kept after it ended when no gateway releases them. */
    static final Duration SPOOL_TTL = Duration.ofMinutes(15);

    private final EngineArguments arguments;
    private final EngineSecret secret;
    private final GatewayClient gateway;
    private final Supplier<SparkSession> sessions;
    private final Clock clock;

    Engine(
            EngineArguments arguments,
            EngineSecret secret,
            GatewayClient gateway,
            Supplier<SparkSession> sessions,
            Clock clock) {
        this.arguments = requireNonNull(arguments, "arguments is null");
        this.secret = requireNonNull(secret, "secret is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Runs until shut down; returns the process exit status (0 stopped on request, 1 failed to start). */
    int run() throws InterruptedException {
        ShutdownSignal shutdown = new ShutdownSignal();
        SparkSession spark = null;
        EngineServer server = null;
        StatementRunner statements = null;
        EngineJobs jobs = null;
        GatewayReconnector[] reconnector = new GatewayReconnector[1];
        try (BufferAllocator allocator = new RootAllocator();
                StatementSpools spools = new StatementSpools(spoolDirectory(), clock, SPOOL_TTL);
                OrphanWatchdog watchdog =
                        new OrphanWatchdog(clock, arguments.orphanTimeout(), shutdown::raise, REREGISTER_AFTER, () -> {
                            if (reconnector[0] != null) {
                                reconnector[0].reregister();
                            }
                            spools.deleteExpired();
                        })) {
            try {
                spark = sessions.get();
                SparkArrowAdapter arrow = new SparkArrowAdapter();
                warmUp(spark, arrow);
                SessionRegistry sessionRegistry = new SessionRegistry(spark);
                jobs = new EngineJobs(
                        new JobClasses(Engine.class.getClassLoader(), spark.sparkContext()::addJar),
                        new NamedObjects(clock),
                        clock);
                statements = new StatementRunner(
                        spark,
                        sessionRegistry,
                        arrow,
                        new ArrowMessages(allocator),
                        new ParameterBinder(),
                        jobs,
                        clock,
                        MAX_BATCH_BYTES,
                        spools);
                SparkContext sparkContext = spark.sparkContext();
                sparkContext.addSparkListener(new StatementProgressListener(
                        statements::find, jobId -> sparkContext.cancelJob(jobId, "canceled by the gateway")));
                GrpcEngineService service = new GrpcEngineService(
                        arguments.engineId(), statements, sessionRegistry, jobs, watchdog::recordPing, shutdown::raise);
                server = EngineServer.start(HOST, service, secret);
                RegisterEngineRequest registration = registration(spark, server.port());
                gateway.register(registration, REGISTRATION_PATIENCE);
                reconnector[0] = new GatewayReconnector(
                        gateway, registration, arguments.orphanTimeout(), watchdog::recordPing, shutdown::raise);
            } catch (Exception e) {
                String reason = e.getClass().getName() + ": " + e.getMessage();
                log.error("Engine {} could not start", arguments.engineId(), e);
                gateway.reportFailure(arguments.engineId(), reason);
                stop(statements, jobs, spark, server);
                return 1;
            }
            log.info("Engine {} serving on {}:{}", arguments.engineId(), HOST, server.port());
            watchdog.start();
            shutdown.await();
            log.info("Engine {} shutting down", arguments.engineId());
            stop(statements, jobs, spark, server);
            return 0;
        }
    }

    /** A temporary folder of this engine's own for its statements' events, deleted when it stops. */
    private Path spoolDirectory() {
        try {
            return Files.createTempDirectory(
                    "hearth-" + arguments.engineId().replaceAll("[^A-Za-z0-9-]", "_") + "-events-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for statement events", e);
        }
    }

    /**
     * Runs one small query through the statement path before the engine says it is ready: the
     * first query in a new JVM pays for class loading and code generation (seconds), and a user's
     * first statement should not.
     */
    private void warmUp(SparkSession spark, SparkArrowAdapter arrow) {
        long started = System.nanoTime();
        try {
            spark.sparkContext().setJobGroup("hearth-warm-up", "warming up the engine", true);
            arrow.streamArrowBatches(
                    spark.sql("select id, id * 2 as x, cast(id as string) as s from range(1000)"),
                    10_000,
                    spark.conf().get("spark.sql.session.timeZone"),
                    batch -> true);
            log.info("Engine {} warmed up in {} ms", arguments.engineId(), (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn(
                    "Engine {} could not warm up; its first statement will be slower: {}",
                    arguments.engineId(),
                    e.toString());
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    private RegisterEngineRequest registration(SparkSession spark, int port) {
        SparkContext context = spark.sparkContext();
        return RegisterEngineRequest.newBuilder()
                .setEngineId(arguments.engineId())
                .setHost(HOST)
                .setPort(port)
                .setPid(ProcessHandle.current().pid())
                .setSparkVersion(spark.version())
                .setSparkUiUrl(
                        context.uiWebUrl().isDefined() ? context.uiWebUrl().get() : "")
                .setApplicationId(context.applicationId())
                .build();
    }

    private static void stop(StatementRunner statements, EngineJobs jobs, SparkSession spark, EngineServer server) {
        if (statements != null) {
            statements.close();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (spark != null) {
            spark.stop();
        }
        if (server != null) {
            server.close();
        }
    }
}
