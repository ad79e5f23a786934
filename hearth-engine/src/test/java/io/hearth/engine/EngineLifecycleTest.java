package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.hearth.protocol.v1.EngineServiceGrpc;
import io.hearth.protocol.v1.PingRequest;
import io.hearth.protocol.v1.RegisterEngineRequest;
import io.hearth.protocol.v1.ShutdownRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The whole program (minus System.exit) against a fake gateway, with a real SparkSession. */
class EngineLifecycleTest {
    private static final String SECRET = "lifecycle-secret";

    private final AtomicReference<SparkSession> session = new AtomicReference<>();
    /** The module's session: the engine stops it, as a real one would, and the next class gets a new one. */
    private final Supplier<SparkSession> sessions = () -> {
        session.set(TestingSpark.session());
        return session.get();
    };

    @Test
    void registersServesAndStopsOnShutdown() throws Exception {
        try (TestingGateway gateway = new TestingGateway(new EngineSecret(SECRET))) {
            CompletableFuture<Integer> exitStatus = start(gateway, "600");
            RegisterEngineRequest registration = awaitRegistration(gateway);

            assertThat(registration.getEngineId()).isEqualTo("e-life");
            assertThat(registration.getHost()).isEqualTo("127.0.0.1");
            assertThat(registration.getPid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(registration.getSparkVersion()).isEqualTo("4.2.0");
            assertThat(registration.getApplicationId()).startsWith("local-");

            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", registration.getPort())
                    .usePlaintext()
                    .intercept(new EngineSecret(SECRET).clientInterceptor())
                    .build();
            try {
                EngineServiceGrpc.EngineServiceBlockingStub engine = EngineServiceGrpc.newBlockingStub(channel);
                assertThat(engine.ping(PingRequest.getDefaultInstance()).getEngineId())
                        .isEqualTo("e-life");
                engine.shutdown(ShutdownRequest.getDefaultInstance());
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }

            assertThat(exitStatus.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(session.get().sparkContext().isStopped()).isTrue();
        }
    }

    @Test
    void stopsItselfWhenTheGatewayStopsPinging() throws Exception {
        try (TestingGateway gateway = new TestingGateway(new EngineSecret(SECRET))) {
            CompletableFuture<Integer> exitStatus = start(gateway, "1");
            awaitRegistration(gateway);

            assertThat(exitStatus.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(session.get().sparkContext().isStopped()).isTrue();
        }
    }

    private CompletableFuture<Integer> start(TestingGateway gateway, String orphanTimeoutSeconds) {
        CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
        Thread engine = new Thread(
                () -> {
                    try {
                        exitStatus.complete(EngineMain.run(
                                List.of(
                                        "--engine-id",
                                        "e-life",
                                        "--gateway",
                                        "127.0.0.1:" + gateway.port(),
                                        "--orphan-timeout",
                                        orphanTimeoutSeconds),
                                Map.of(EngineSecret.ENVIRONMENT_VARIABLE, SECRET),
                                sessions,
                                Clock.systemUTC()));
                    } catch (Throwable e) {
                        exitStatus.completeExceptionally(e);
                    }
                },
                "test-engine-main");
        engine.start();
        return exitStatus;
    }

    private static RegisterEngineRequest awaitRegistration(TestingGateway gateway) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (gateway.registrations().isEmpty()) {
            assertThat(System.nanoTime()).as("registration within 60 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return gateway.registrations().get(0);
    }
}
