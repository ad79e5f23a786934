package io.hearth.bench;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.protocol.v1.BindEngineRequest;
import io.hearth.protocol.v1.EngineServiceGrpc;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.GatewayServiceGrpc;
import io.hearth.protocol.v1.RegisterEngineRequest;
import io.hearth.protocol.v1.RegisterEngineResponse;
import io.hearth.protocol.v1.ShutdownRequest;
import io.hearth.protocol.v1.StatementEvent;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An engine's full cold start against a late-bound one, driven over the engine protocol the way the
 * gateway drives it: the engine JVM launched with the gateway's embedded command (SparkSubmit over
 * the distribution's {@code engine/} jars), registering at a small registration endpoint here.
 *
 * <ul>
 *   <li>cold: launch to registered (SparkSession built and warmed up) plus the first {@code select
 *       1} answered
 *   <li>late-bound: with a standby engine registered (and left idle a moment, as one waiting in a
 *       pool would be), BindEngine to its answer plus the first {@code select 1} answered
 * </ul>
 *
 * Runs alternate, so a change in the machine's load touches both alike.
 */
final class EngineStartup implements AutoCloseable {
    private static final Metadata.Key<String> SECRET_HEADER =
            Metadata.Key.of("hearth-engine-secret", Metadata.ASCII_STRING_MARSHALLER);
    private static final String SECRET = "bench-startup-secret";
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration STANDBY_IDLE = Duration.ofSeconds(2);

    /**
     * @param cold launch to registered plus the first select 1
     * @param coldRegistered launch to registered
     * @param lateBound bind call to its answer plus the first select 1
     * @param bind the bind call alone
     * @param standbyRegistered a standby engine's launch to registered (off the critical path)
     */
    record Figures(Samples cold, Samples coldRegistered, Samples lateBound, Samples bind, Samples standbyRegistered) {}

    private final Path distribution;
    private final String master;
    private final Path work;
    private final Consumer<String> progress;
    private final Map<String, CompletableFuture<RegisterEngineRequest>> registrations = new ConcurrentHashMap<>();
    private final Server registrationServer;

    EngineStartup(Path distribution, String master, Path work, Consumer<String> progress) throws IOException {
        this.distribution = distribution;
        this.master = master;
        this.work = work;
        this.progress = progress;
        this.registrationServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new GatewayServiceGrpc.GatewayServiceImplBase() {
                    @Override
                    public void registerEngine(
                            RegisterEngineRequest request, StreamObserver<RegisterEngineResponse> response) {
                        registration(request.getEngineId()).complete(request);
                        response.onNext(RegisterEngineResponse.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                .build()
                .start();
    }

    Figures measure(int runs) throws IOException, InterruptedException {
        Figures figures = new Figures(new Samples(), new Samples(), new Samples(), new Samples(), new Samples());
        for (int run = 0; run < runs; run++) {
            progress.accept("engine start-up, run " + (run + 1) + " of " + runs + ": full cold start");
            cold("cold-" + run, figures);
            progress.accept("engine start-up, run " + (run + 1) + " of " + runs + ": late-bound standby engine");
            lateBound("standby-" + run, figures);
        }
        return figures;
    }

    private void cold(String engineId, Figures figures) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = launch(engineId, false);
        try {
            RegisterEngineRequest registered = awaitRegistration(engineId, process);
            long registeredNanos = System.nanoTime() - start;
            try (Engine engine = new Engine(registered)) {
                engine.selectOne();
                figures.cold().add(System.nanoTime() - start);
                figures.coldRegistered().add(registeredNanos);
                engine.shutdown();
            }
        } finally {
            stop(process);
        }
    }

    private void lateBound(String engineId, Figures figures) throws IOException, InterruptedException {
        long launched = System.nanoTime();
        Process process = launch(engineId, true);
        try {
            RegisterEngineRequest registered = awaitRegistration(engineId, process);
            figures.standbyRegistered().add(System.nanoTime() - launched);
            if (!registered.getStandby()) {
                throw new IOException("engine " + engineId + " did not register as standby");
            }
            Thread.sleep(STANDBY_IDLE.toMillis());
            try (Engine engine = new Engine(registered)) {
                long start = System.nanoTime();
                engine.bind(Map.of(
                        "spark.master",
                        master,
                        "spark.app.name",
                        "hearth-bench-bound-" + engineId,
                        "spark.sql.shuffle.partitions",
                        "2"));
                long bound = System.nanoTime() - start;
                engine.selectOne();
                figures.lateBound().add(System.nanoTime() - start);
                figures.bind().add(bound);
                engine.shutdown();
            }
        } finally {
            stop(process);
        }
    }

    /** The command ProcessEngineLauncher builds for an embedded launch (engine.driver-memory 2g). */
    private Process launch(String engineId, boolean standby) throws IOException {
        Path engineHome = distribution.resolve("engine").toAbsolutePath();
        Path engineJar;
        try (var jars = Files.list(engineHome)) {
            engineJar = jars.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.startsWith("hearth-engine-") && name.endsWith(".jar");
                    })
                    .findFirst()
                    .orElseThrow(() -> new IOException(engineHome + " holds no hearth-engine jar"));
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx2g");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(sparkModuleFlags());
        command.addAll(List.of(
                "-cp",
                engineHome + "/*",
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                master,
                "--class",
                "io.hearth.engine.EngineMain",
                "--name",
                "hearth-engine-" + engineId,
                "--conf",
                "spark.driver.memory=2g",
                engineJar.toString(),
                "--engine-id",
                engineId,
                "--gateway",
                "127.0.0.1:"
                        + ((InetSocketAddress)
                                        registrationServer.getListenSockets().get(0))
                                .getPort()));
        if (standby) {
            command.add("--standby");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("engine-" + engineId + ".log").toFile());
        builder.environment().put("HEARTH_ENGINE_SECRET", SECRET);
        return builder.start();
    }

    private RegisterEngineRequest awaitRegistration(String engineId, Process process)
            throws IOException, InterruptedException {
        CompletableFuture<RegisterEngineRequest> registered = registration(engineId);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return registered.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!process.isAlive()) {
                    throw new IOException("engine " + engineId + " exited with " + process.exitValue() + "; see "
                            + work.resolve("engine-" + engineId + ".log"));
                }
            } catch (ExecutionException e) {
                throw new IOException(e);
            }
        }
        throw new IOException("engine " + engineId + " did not register within " + START_LIMIT);
    }

    private CompletableFuture<RegisterEngineRequest> registration(String engineId) {
        return registrations.computeIfAbsent(engineId, id -> new CompletableFuture<>());
    }

    private static void stop(Process process) throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The --add-opens and related flags this JVM was started with (bench/run.sh passes Spark's list). */
    private static List<String> sparkModuleFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--add-opens")
                        || flag.startsWith("--add-modules")
                        || flag.equals("-XX:+IgnoreUnrecognizedVMOptions")
                        || flag.startsWith("-Djdk.reflect.useDirectMethodHandle")
                        || flag.startsWith("-Dio.netty.tryReflectionSetAccessible"))
                .toList();
    }

    @Override
    public void close() {
        registrationServer.shutdownNow();
        try {
            registrationServer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A connection to one registered engine, sending its secret. */
    private static final class Engine implements AutoCloseable {
        private final ManagedChannel channel;
        private final EngineServiceGrpc.EngineServiceBlockingStub stub;
        private int statements;

        Engine(RegisterEngineRequest registered) {
            this.channel = NettyChannelBuilder.forAddress(registered.getHost(), registered.getPort())
                    .usePlaintext()
                    .intercept(new ClientInterceptor() {
                        @Override
                        public <Q, R> ClientCall<Q, R> interceptCall(
                                MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                            return new ForwardingClientCall.SimpleForwardingClientCall<>(
                                    next.newCall(method, options)) {
                                @Override
                                public void start(Listener<R> listener, Metadata headers) {
                                    headers.put(SECRET_HEADER, SECRET);
                                    super.start(listener, headers);
                                }
                            };
                        }
                    })
                    .build();
            this.stub = EngineServiceGrpc.newBlockingStub(channel);
        }

        void bind(Map<String, String> conf) {
            stub.withDeadlineAfter(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                    .bindEngine(BindEngineRequest.newBuilder().putAllConf(conf).build());
        }

        void selectOne() throws IOException {
            List<StatementEvent> events = new ArrayList<>();
            stub.withDeadlineAfter(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                    .executeStatement(ExecuteStatementRequest.newBuilder()
                            .setStatementId("bench-" + ++statements)
                            .setSql("select 1")
                            .build())
                    .forEachRemaining(events::add);
            StatementEvent last = events.get(events.size() - 1);
            if (!last.hasCompleted() || last.getCompleted().getRowCount() != 1) {
                throw new IOException("select 1 did not answer one row: " + last);
            }
        }

        void shutdown() {
            stub.withDeadlineAfter(10, TimeUnit.SECONDS).shutdown(ShutdownRequest.getDefaultInstance());
        }

        @Override
        public void close() {
            channel.shutdownNow();
        }
    }
}
