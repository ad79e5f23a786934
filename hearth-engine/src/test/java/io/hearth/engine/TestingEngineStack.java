package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.hearth.protocol.v1.EngineServiceGrpc;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.sql.SparkSession;

/**
 * The engine's service as the gateway reaches it: the real statement runner, sessions and jobs
 * behind the real gRPC server on a loopback port, and a client channel that sends the secret. The
 * SparkSession is the caller's and stays open.
 */
final class TestingEngineStack implements AutoCloseable {
    static final String SECRET = "test-secret-0123456789";
    static final String ENGINE_ID = "engine-1";

    private final SparkSession spark;
    private final BufferAllocator allocator;
    private final SessionRegistry sessions;
    private final EngineJobs jobs;
    private final StatementRunner statements;
    private final StatementProgressListener listener;
    private final EngineServer server;
    private final ManagedChannel channel;

    private TestingEngineStack(SparkSession spark, int maxBatchBytes, Runnable onPing, Runnable onShutdownRequested)
            throws IOException {
        this.spark = requireNonNull(spark, "spark is null");
        allocator = new RootAllocator();
        sessions = new SessionRegistry(spark);
        jobs = new EngineJobs(
                new JobClasses(getClass().getClassLoader(), spark.sparkContext()::addJar),
                new NamedObjects(Clock.systemUTC()),
                Clock.systemUTC());
        statements = new StatementRunner(
                spark,
                sessions,
                new SparkArrowAdapter(),
                new ArrowMessages(allocator),
                new ParameterBinder(),
                jobs,
                Clock.systemUTC(),
                maxBatchBytes,
                new StatementSpools(
                        java.nio.file.Files.createTempDirectory("hearth-test-events-"),
                        Clock.systemUTC(),
                        java.time.Duration.ofMinutes(15)));
        // as the real engine wires it: progress, and the cancel of jobs that start for a canceled statement
        listener = new StatementProgressListener(
                statements::find, jobId -> spark.sparkContext().cancelJob(jobId, "canceled by the gateway"));
        spark.sparkContext().addSparkListener(listener);
        EngineSecret secret = new EngineSecret(SECRET);
        server = EngineServer.start(
                "127.0.0.1",
                new GrpcEngineService(ENGINE_ID, statements, sessions, jobs, onPing, onShutdownRequested),
                secret);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .intercept(secret.clientInterceptor())
                .build();
    }

    static TestingEngineStack start(SparkSession spark) throws IOException {
        return start(spark, Engine.MAX_BATCH_BYTES, () -> {}, () -> {});
    }

    static TestingEngineStack start(
            SparkSession spark, int maxBatchBytes, Runnable onPing, Runnable onShutdownRequested) throws IOException {
        return new TestingEngineStack(spark, maxBatchBytes, onPing, onShutdownRequested);
    }

    SparkSession spark() {
        return spark;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    StatementRunner statements() {
        return statements;
    }

    int port() {
        return server.port();
    }

    /** A channel that sends the secret, for stubs other than the blocking one. */
    ManagedChannel channel() {
        return channel;
    }

    EngineServiceGrpc.EngineServiceBlockingStub engine() {
        return EngineServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        spark.sparkContext().removeSparkListener(listener);
        statements.close();
        jobs.close();
        allocator.close();
    }
}
