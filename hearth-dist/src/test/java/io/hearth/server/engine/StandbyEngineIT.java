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
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real standby engine JVM launched by ProcessEngineLauncher from the distribution, registering
 * at a small registration endpoint, then bound through EngineConnection with a conf that differs
 * from its launch conf and a proxy user. One engine for the class.
 */
class StandbyEngineIT {
    private static final Path DISTRIBUTION = Path.of(System.getProperty("hearth.distribution", "target/hearth"));
    private static final String SECRET = "standby-it-secret";
    private static final String ENGINE_ID = "standby-it";
    private static final Map<String, String> BIND_CONF = Map.of(
            "spark.master", "local[2]",
            "spark.app.name", "hearth-standby-it",
            "spark.sql.shuffle.partitions", "7");

    private static final CompletableFuture<RegisterEngineRequest> registration = new CompletableFuture<>();
    private static Server gateway;
    private static EngineProcess process;
    private static EngineConnection connection;
    private static RegisterEngineRequest registered;
    private static EngineConnection.BoundEngine bound;
    private static StatusRuntimeException refusedBeforeBind;

    @BeforeAll
    static void launchAndBind() throws Exception {
        gateway = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new GatewayServiceGrpc.GatewayServiceImplBase() {
                    @Override
                    public void registerEngine(
                            RegisterEngineRequest request, StreamObserver<RegisterEngineResponse> response) {
                        registration.complete(request);
                        response.onNext(RegisterEngineResponse.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                .build()
                .start();
        Path logs = Files.createDirectories(Path.of("target", "standby-it"));
        EngineConfig config = new EngineConfig(
                DISTRIBUTION.resolve("engine"),
                Optional.empty(),
                Path.of(ProcessHandle.current().info().command().orElse("java")),
                "local[1]", // the launch's master; the bind's wins
                "1g",
                Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2"),
                false,
                Duration.ofMinutes(3),
                Duration.ofSeconds(5),
                3,
                logs);
        String address =
                "127.0.0.1:" + ((InetSocketAddress) gateway.getListenSockets().get(0)).getPort();
        process = new ProcessEngineLauncher(config)
                .launch(new EngineLaunch(
                        ENGINE_ID,
                        SECRET,
                        address,
                        logs.resolve(ENGINE_ID + ".log"),
                        // the launch's master; the bind's wins
                        new EngineLaunch.Spec("local[1]", "1g", config.sparkConf(), List.of()),
                        true));
        registered = registration.get(3, TimeUnit.MINUTES);
        connection = new EngineConnection(ENGINE_ID, registered.getHost(), registered.getPort(), SECRET);
        try {
            run("select 1");
        } catch (StatusRuntimeException e) {
            refusedBeforeBind = e;
        }
        bound = connection.bind(BIND_CONF, Optional.of("alice"), Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            try {
                connection.shutdownEngine(Duration.ofSeconds(10));
            } catch (StatusRuntimeException e) {
                // killed below
            }
            connection.close();
        }
        if (process != null) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.kill();
            }
        }
        if (gateway != null) {
            gateway.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void registersAsStandbyWithoutASparkApplicationAndRefusesWorkUntilBound() {
        assertThat(registered.getEngineId()).isEqualTo(ENGINE_ID);
        assertThat(registered.getStandby()).isTrue();
        assertThat(registered.getSparkVersion()).isEqualTo("4.2.0");
        assertThat(registered.getApplicationId()).isEmpty();
        assertThat(refusedBeforeBind).isNotNull();
        assertThat(refusedBeforeBind.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(refusedBeforeBind.getStatus().getDescription()).isEqualTo("engine is not bound yet");
    }

    @Test
    void theBindAnswersWithTheSparkApplicationAndRunsStatements() {
        assertThat(bound.sparkVersion()).isEqualTo("4.2.0");
        assertThat(bound.applicationId()).startsWith("local-");
        assertThat(rows("select 1 as one")).containsExactly(List.of("1"));
    }

    @Test
    void theBindConfOverridesTheLaunchConf() {
        assertThat(rows("set spark.master")).containsExactly(List.of("spark.master", "local[2]"));
        assertThat(rows("set spark.app.name")).containsExactly(List.of("spark.app.name", "hearth-standby-it"));
        assertThat(rows("set spark.sql.shuffle.partitions"))
                .containsExactly(List.of("spark.sql.shuffle.partitions", "7"));
    }

    @Test
    void theSparkContextRunsAsTheProxyUser() {
        assertThat(rows("select current_user()")).containsExactly(List.of("alice"));
    }

    @Test
    void aSecondBindIsRefused() {
        assertThatThrownBy(() -> connection.bind(Map.of(), Optional.empty(), Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
    }

    private static List<StatementEvent> run(String sql) {
        List<StatementEvent> events = new ArrayList<>();
        connection
                .execute(ExecuteStatementRequest.newBuilder()
                        .setStatementId("s-" + System.nanoTime())
                        .setSql(sql)
                        .build())
                .forEachRemaining(events::add);
        return events;
    }

    /** The statement's rows, each value as text. */
    private static List<List<String>> rows(String sql) {
        List<StatementEvent> events = run(sql);
        StatementEvent last = events.get(events.size() - 1);
        assertThat(last.hasCompleted()).as(last.toString()).isTrue();
        List<List<String>> rows = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator()) {
            Schema schema = null;
            for (StatementEvent event : events) {
                if (event.hasSchema()) {
                    schema = MessageSerializer.deserializeSchema(
                            channel(event.getSchema().getArrowSchema().toByteArray()));
                } else if (event.hasBatch()) {
                    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                            ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(
                                    channel(event.getBatch()
                                            .getArrowRecordBatch()
                                            .toByteArray()),
                                    allocator)) {
                        new VectorLoader(root).load(batch);
                        for (int row = 0; row < root.getRowCount(); row++) {
                            List<String> values = new ArrayList<>();
                            for (var vector : root.getFieldVectors()) {
                                values.add(String.valueOf(vector.getObject(row)));
                            }
                            rows.add(values);
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    private static ReadChannel channel(byte[] message) {
        return new ReadChannel(Channels.newChannel(new ByteArrayInputStream(message)));
    }
}
