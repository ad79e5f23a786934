package io.hearth.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.GatewayServiceGrpc;
import io.hearth.protocol.v1.RegisterEngineRequest;
import io.hearth.protocol.v1.RegisterEngineResponse;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.testing.TestingEngine;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EngineConnection.bind against the in-process engine started as standby (the protocol, no pool). */
class EngineConnectionBindTest {
    private static final String SECRET = "bind-secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<RegisterEngineRequest> registrations = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Server gateway;

    @BeforeEach
    void startGateway() throws Exception {
        gateway = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new GatewayServiceGrpc.GatewayServiceImplBase() {
                    @Override
                    public void registerEngine(
                            RegisterEngineRequest request, StreamObserver<RegisterEngineResponse> response) {
                        registrations.add(request);
                        response.onNext(RegisterEngineResponse.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        gateway.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aStandbyEngineRefusesWorkUntilBoundThenServesWithTheBoundConf() throws Exception {
        TestingEngine engine = standby("e-1");
        EngineConnection connection = connect(engine);

        assertThat(registrations)
                .singleElement()
                .satisfies(registration -> assertThat(registration.getStandby()).isTrue());
        assertThatThrownBy(() -> run(connection, "range(3)"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).isEqualTo("engine is not bound yet");
                });

        EngineConnection.BoundEngine bound = connection.bind(
                Map.of("spark.master", "local[2]", "spark.app.name", "alice-app"), Optional.of("alice"), TIMEOUT);

        assertThat(bound).isEqualTo(new EngineConnection.BoundEngine("testing", "", "testing-e-1"));
        assertThat(engine.boundConf()).contains(Map.of("spark.master", "local[2]", "spark.app.name", "alice-app"));
        assertThat(engine.boundProxyUser()).contains("alice");
        assertThat(run(connection, "range(3)"))
                .last()
                .satisfies(
                        event -> assertThat(event.getCompleted().getRowCount()).isEqualTo(3));
        assertThatThrownBy(() -> connection.bind(Map.of(), Optional.empty(), TIMEOUT))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
    }

    @Test
    void aMasterSparkRefusesFailsTheBindAndTheEngineExitsWithOne() throws Exception {
        TestingEngine engine = standby("e-2");
        EngineConnection connection = connect(engine);

        assertThatThrownBy(() -> connection.bind(Map.of("spark.master", "nonsense"), Optional.empty(), TIMEOUT))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("Could not parse Master URL: 'nonsense'");
                });
        assertThat(engine.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void anEngineStartedBoundRefusesABind() throws Exception {
        TestingEngine engine = TestingEngine.startAndRegister("e-3", SECRET, address());
        resources.add(engine);
        EngineConnection connection = connect(engine);

        assertThatThrownBy(() -> connection.bind(Map.of(), Optional.empty(), TIMEOUT))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        assertThat(registrations)
                .singleElement()
                .satisfies(registration -> assertThat(registration.getStandby()).isFalse());
    }

    private TestingEngine standby(String engineId) throws Exception {
        TestingEngine engine = TestingEngine.startStandbyAndRegister(engineId, SECRET, address(), started -> {});
        resources.add(engine);
        return engine;
    }

    private EngineConnection connect(TestingEngine engine) {
        EngineConnection connection = new EngineConnection(engine.engineId(), "127.0.0.1", engine.port(), SECRET);
        resources.add(0, connection);
        return connection;
    }

    private String address() {
        return "127.0.0.1:" + ((InetSocketAddress) gateway.getListenSockets().get(0)).getPort();
    }

    private static List<StatementEvent> run(EngineConnection connection, String sql) {
        List<StatementEvent> events = new ArrayList<>();
        connection
                .execute(ExecuteStatementRequest.newBuilder()
                        .setStatementId("s-" + System.nanoTime())
                        .setSql(sql)
                        .build())
                .forEachRemaining(events::add);
        return events;
    }
}
