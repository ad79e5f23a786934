package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.protocol.v1.BindEngineRequest;
import io.hearth.protocol.v1.BindEngineResponse;
import io.hearth.protocol.v1.RegisterEngineRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedAction;
import java.security.PrivilegedExceptionAction;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's lifecycle: build the SparkSession, serve, register with the gateway, wait for a
 * Shutdown call (or the orphan timeout), then stop everything in order. A standby engine
 * ({@code --standby}) warms up without a SparkContext, registers at once, and builds its
 * SparkSession when the gateway binds it (BindEngine) to a conf and, optionally, a proxy user. Its
 * JVM was launched already, so driver memory, JVM options and the driver's extra class path are
 * those of the launch, whatever the bind's conf says.
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
    private final SparkSessionFactory sessions;
    private final Clock clock;

    Engine(
            EngineArguments arguments,
            EngineSecret secret,
            GatewayClient gateway,
            Supplier<SparkSession> sessions,
            Clock clock) {
        this(arguments, secret, gateway, conf -> sessions.get(), clock);
        requireNonNull(sessions, "sessions is null");
    }

    Engine(
            EngineArguments arguments,
            EngineSecret secret,
            GatewayClient gateway,
            SparkSessionFactory sessions,
            Clock clock) {
        this.arguments = requireNonNull(arguments, "arguments is null");
        this.secret = requireNonNull(secret, "secret is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Runs until shut down; returns the process exit status (0 stopped on request, 1 failed to
     * start or, standby, failed to bind).
     */
    int run() throws InterruptedException {
        ShutdownSignal shutdown = new ShutdownSignal();
        AtomicReference<SparkSession> spark = new AtomicReference<>();
        AtomicBoolean bindFailed = new AtomicBoolean();
        EngineBinding binding = null;
        EngineServer server = null;
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
                SparkArrowAdapter arrow = new SparkArrowAdapter();
                if (arguments.standby()) {
                    new StandbyWarmUp(arguments.engineId(), allocator).run();
                    binding = EngineBinding.standby(request -> bind(request, spark, arrow, allocator, spools), () -> {
                        bindFailed.set(true);
                        shutdown.raise();
                    });
                } else {
                    spark.set(sessions.create(Map.of()));
                    binding = EngineBinding.bound(serve(spark.get(), arrow, allocator, spools, statementThreads()));
                }
                GrpcEngineService service =
                        new GrpcEngineService(arguments.engineId(), binding, watchdog::recordPing, shutdown::raise);
                server = EngineServer.start(HOST, service, secret);
                RegisterEngineRequest registration = arguments.standby()
                        ? standbyRegistration(server.port())
                        : registration(spark.get(), server.port());
                gateway.register(registration, REGISTRATION_PATIENCE);
                reconnector[0] = new GatewayReconnector(
                        gateway, registration, arguments.orphanTimeout(), watchdog::recordPing, shutdown::raise);
            } catch (Exception e) {
                String reason = e.getClass().getName() + ": " + e.getMessage();
                log.error("Engine {} could not start", arguments.engineId(), e);
                gateway.reportFailure(arguments.engineId(), reason);
                stop(binding, spark, server);
                return EngineMain.EXIT_FAILED;
            }
            log.info(
                    "Engine {} serving on {}:{}{}, as Hadoop user {}",
                    arguments.engineId(),
                    HOST,
                    server.port(),
                    arguments.standby() ? " (standby, waiting to be bound)" : "",
                    hadoopUser());
            watchdog.start();
            shutdown.await();
            log.info("Engine {} shutting down", arguments.engineId());
            stop(binding, spark, server);
            return bindFailed.get() ? EngineMain.EXIT_FAILED : 0;
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

    /** Builds the SparkSession after warming up and wires what serves statements to it. */
    private BoundEngine serve(
            SparkSession spark,
            SparkArrowAdapter arrow,
            BufferAllocator allocator,
            StatementSpools spools,
            ThreadFactory statementThreads) {
        warmUp(spark, arrow);
        return BoundEngine.wire(spark, arrow, allocator, clock, spools, statementThreads);
    }

    /**
     * A standby engine's bind: the SparkSession with the request's conf over the launch conf, as
     * the proxy user when one is asked for (as spark-submit --proxy-user: the SparkContext and the
     * statement threads run as that user), then the same warm-up and wiring as at launch.
     */
    private EngineBinding.Bound bind(
            BindEngineRequest request,
            AtomicReference<SparkSession> spark,
            SparkArrowAdapter arrow,
            BufferAllocator allocator,
            StatementSpools spools)
            throws Exception {
        String proxyUser = request.getProxyUser();
        UserGroupInformation current = UserGroupInformation.getCurrentUser();
        if (proxyUser.isEmpty() || proxyUser.equals(current.getShortUserName())) {
            return bindAs(request, spark, arrow, allocator, spools, statementThreads());
        }
        UserGroupInformation user = UserGroupInformation.createProxyUser(proxyUser, current);
        ThreadFactory threads = statementThreads();
        ThreadFactory asUser = task -> threads.newThread(() -> user.doAs((PrivilegedAction<Void>) () -> {
            task.run();
            return null;
        }));
        log.info("Engine {} binds as {}", arguments.engineId(), user);
        try {
            return user.doAs((PrivilegedExceptionAction<EngineBinding.Bound>)
                    () -> bindAs(request, spark, arrow, allocator, spools, asUser));
        } catch (UndeclaredThrowableException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private EngineBinding.Bound bindAs(
            BindEngineRequest request,
            AtomicReference<SparkSession> spark,
            SparkArrowAdapter arrow,
            BufferAllocator allocator,
            StatementSpools spools,
            ThreadFactory statementThreads) {
        spark.set(sessions.create(request.getConfMap()));
        BoundEngine engine = serve(spark.get(), arrow, allocator, spools, statementThreads);
        SparkContext context = spark.get().sparkContext();
        return new EngineBinding.Bound(
                engine,
                BindEngineResponse.newBuilder()
                        .setSparkVersion(spark.get().version())
                        .setSparkUiUrl(uiUrl(context))
                        .setApplicationId(context.applicationId())
                        .build());
    }

    /** Who HDFS and YARN see: {@code alice (auth:PROXY) via hearth (auth:SIMPLE)} under --proxy-user. */
    private static String hadoopUser() {
        try {
            return UserGroupInformation.getCurrentUser().toString();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static ThreadFactory statementThreads() {
        return new NamedThreadFactory("hearth-statement", true);
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
                .setSparkUiUrl(uiUrl(context))
                .setApplicationId(context.applicationId())
                .build();
    }

    /** A standby engine has no SparkContext yet: no UI, no application id. */
    private RegisterEngineRequest standbyRegistration(int port) {
        return RegisterEngineRequest.newBuilder()
                .setEngineId(arguments.engineId())
                .setHost(HOST)
                .setPort(port)
                .setPid(ProcessHandle.current().pid())
                .setSparkVersion(org.apache.spark.package$.MODULE$.SPARK_VERSION())
                .setStandby(true)
                .build();
    }

    private static String uiUrl(SparkContext context) {
        return context.uiWebUrl().isDefined() ? context.uiWebUrl().get() : "";
    }

    /** Waits for a bind in progress, then stops the work, the SparkSession and the server, in that order. */
    private static void stop(EngineBinding binding, AtomicReference<SparkSession> spark, EngineServer server) {
        if (binding != null) {
            binding.close();
            binding.current().ifPresent(BoundEngine::stopWork);
        }
        if (spark.get() != null) {
            spark.get().stop();
        }
        if (server != null) {
            server.close();
        }
    }
}
