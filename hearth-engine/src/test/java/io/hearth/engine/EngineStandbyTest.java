package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.hearth.protocol.v1.BindEngineRequest;
import io.hearth.protocol.v1.BindEngineResponse;
import io.hearth.protocol.v1.CancelStatementRequest;
import io.hearth.protocol.v1.EngineServiceGrpc;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.ListObjectsRequest;
import io.hearth.protocol.v1.OpenSessionRequest;
import io.hearth.protocol.v1.PingRequest;
import io.hearth.protocol.v1.RegisterEngineRequest;
import io.hearth.protocol.v1.ShutdownRequest;
import io.hearth.protocol.v1.StatementEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A standby engine: registers without a SparkContext, refuses work until bound, binds once. */
class EngineStandbyTest {
    private static final String SECRET = "standby-secret";

    /** The conf each SparkSession was asked for; the session is the module's shared one. */
    private final List<Map<String, String>> requestedConf = new CopyOnWriteArrayList<>();

    private final SparkSessionFactory sessions = conf -> {
        requestedConf.add(Map.copyOf(conf));
        return TestingSpark.session();
    };

    @Test
    void registersAsStandbyRefusesWorkUntilBoundThenServesAndRefusesASecondBind() throws Exception {
        try (TestingGateway gateway = new TestingGateway(new EngineSecret(SECRET))) {
            CompletableFuture<Integer> exitStatus = start(gateway, sessions);
            RegisterEngineRequest registration = awaitRegistration(gateway);

            assertThat(registration.getStandby()).isTrue();
            assertThat(registration.getSparkVersion()).isEqualTo("4.2.0");
            assertThat(registration.getApplicationId()).isEmpty();
            assertThat(requestedConf).as("no SparkSession before the bind").isEmpty();

            ManagedChannel channel = channel(registration.getPort());
            try {
                EngineServiceGrpc.EngineServiceBlockingStub engine = EngineServiceGrpc.newBlockingStub(channel);
                assertThat(engine.ping(PingRequest.getDefaultInstance()).getEngineId())
                        .isEqualTo("e-standby");
                assertNotBound(() -> execute(engine, "s-0", "select 1"));
                assertNotBound(() -> engine.openSession(
                        OpenSessionRequest.newBuilder().setSessionId("x").build()));
                assertNotBound(() -> engine.cancelStatement(CancelStatementRequest.newBuilder()
                        .setStatementId("s-0")
                        .build()));
                assertNotBound(() -> engine.listObjects(ListObjectsRequest.getDefaultInstance()));

                BindEngineResponse bound = engine.withDeadlineAfter(120, TimeUnit.SECONDS)
                        .bindEngine(BindEngineRequest.newBuilder()
                                .putConf("spark.app.name", "bound-app")
                                .putConf("spark.sql.shuffle.partitions", "3")
                                .build());

                assertThat(bound.getSparkVersion()).isEqualTo("4.2.0");
                assertThat(bound.getApplicationId()).startsWith("local-");
                assertThat(requestedConf)
                        .containsExactly(Map.of("spark.app.name", "bound-app", "spark.sql.shuffle.partitions", "3"));
                List<StatementEvent> events = execute(engine, "s-1", "select 1 as one");
                assertThat(events.get(events.size() - 1).hasCompleted())
                        .as(events.toString())
                        .isTrue();
                assertThatThrownBy(() -> engine.bindEngine(BindEngineRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(
                                StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));

                engine.shutdown(ShutdownRequest.getDefaultInstance());
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            assertThat(exitStatus.get(60, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void aBindSparkRefusesIsAnsweredWithSparksMessageAndTheEngineExitsWithOne() throws Exception {
        SparkSessionFactory refusing = conf -> {
            throw new IllegalArgumentException("Could not parse Master URL: '" + conf.get("spark.master") + "'");
        };
        try (TestingGateway gateway = new TestingGateway(new EngineSecret(SECRET))) {
            CompletableFuture<Integer> exitStatus = start(gateway, refusing);
            RegisterEngineRequest registration = awaitRegistration(gateway);
            ManagedChannel channel = channel(registration.getPort());
            try {
                EngineServiceGrpc.EngineServiceBlockingStub engine = EngineServiceGrpc.newBlockingStub(channel);
                assertThatThrownBy(() -> engine.withDeadlineAfter(60, TimeUnit.SECONDS)
                                .bindEngine(BindEngineRequest.newBuilder()
                                        .putConf("spark.master", "nonsense")
                                        .build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                            assertThat(e.getStatus().getDescription())
                                    .isEqualTo(
                                            "java.lang.IllegalArgumentException: Could not parse Master URL: 'nonsense'");
                        });
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            assertThat(exitStatus.get(60, TimeUnit.SECONDS)).isEqualTo(EngineMain.EXIT_FAILED);
        }
    }

    private static void assertNotBound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(e.getStatus().getDescription()).isEqualTo("engine is not bound yet");
        });
    }

    private static List<StatementEvent> execute(
            EngineServiceGrpc.EngineServiceBlockingStub engine, String id, String sql) {
        Iterator<StatementEvent> events = engine.withDeadlineAfter(60, TimeUnit.SECONDS)
                .executeStatement(ExecuteStatementRequest.newBuilder()
                        .setStatementId(id)
                        .setSql(sql)
                        .build());
        List<StatementEvent> all = new ArrayList<>();
        events.forEachRemaining(all::add);
        return all;
    }

    private static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .intercept(new EngineSecret(SECRET).clientInterceptor())
                .build();
    }

    private static CompletableFuture<Integer> start(TestingGateway gateway, SparkSessionFactory factory) {
        CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
        Thread engine = new Thread(
                () -> {
                    try {
                        exitStatus.complete(EngineMain.run(
                                List.of(
                                        "--engine-id",
                                        "e-standby",
                                        "--gateway",
                                        "127.0.0.1:" + gateway.port(),
                                        "--standby"),
                                Map.of(EngineSecret.ENVIRONMENT_VARIABLE, SECRET),
                                factory,
                                Clock.systemUTC()));
                    } catch (Throwable e) {
                        exitStatus.completeExceptionally(e);
                    }
                },
                "test-standby-engine-main");
        engine.start();
        return exitStatus;
    }

    private static RegisterEngineRequest awaitRegistration(TestingGateway gateway) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (gateway.registrations().isEmpty()) {
            assertThat(System.nanoTime()).as("registration within 120 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return gateway.registrations().get(0);
    }
}
