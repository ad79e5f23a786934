package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.hearth.protocol.v1.CloseSessionRequest;
import io.hearth.protocol.v1.EngineServiceGrpc;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.OpenSessionRequest;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementFailed;
import io.hearth.protocol.v1.StatementProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sessions and progress on one real local[2] SparkSession behind the real gRPC service: each
 * session a SparkSession of its own, and PROGRESS events from Spark's listener bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineSessionsIntegrationTest {
    private static final String SECRET = "test-secret-0123456789";

    private final AtomicInteger ids = new AtomicInteger();
    private SparkSession spark;
    private BufferAllocator allocator;
    private StatementRunner statements;
    private StatementProgressListener progress;
    private EngineServer server;
    private ManagedChannel channel;
    private EngineServiceGrpc.EngineServiceBlockingStub engine;

    @BeforeAll
    void startEngine() throws Exception {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("hearth-engine-sessions-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        allocator = new RootAllocator();
        SessionRegistry sessions = new SessionRegistry(spark);
        EngineJobs jobs = new EngineJobs(
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
                Engine.MAX_BATCH_BYTES);
        progress = new StatementProgressListener(statements::find);
        spark.sparkContext().addSparkListener(progress);
        EngineSecret secret = new EngineSecret(SECRET);
        server = EngineServer.start(
                "127.0.0.1", new GrpcEngineService("engine-1", statements, sessions, jobs, () -> {}, () -> {}), secret);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .intercept(secret.clientInterceptor())
                .build();
        engine = EngineServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    void stopEngine() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
        if (statements != null) {
            statements.close();
        }
        if (spark != null) {
            spark.sparkContext().removeSparkListener(progress);
            spark.stop();
        }
        if (allocator != null) {
            allocator.close();
        }
    }

    @Test
    void aTempViewIsSeenOnlyInTheSessionThatCreatedIt() {
        String first = openSession(Map.of());
        String second = openSession(Map.of());

        completed(execute("create temp view only_here as select 42 as answer", first));

        assertThat(rows(execute("select * from only_here", first))).containsExactly("answer\n42\n");
        assertThat(failed(execute("select * from only_here", second)).getErrorClass())
                .isEqualTo("TABLE_OR_VIEW_NOT_FOUND");
        assertThat(failed(execute("select * from only_here", "")).getErrorClass())
                .as("the engine's shared session")
                .isEqualTo("TABLE_OR_VIEW_NOT_FOUND");
    }

    @Test
    void sqlConfFromOpenSessionAndFromSetStaysInTheSession() {
        String tuned = openSession(Map.of("spark.sql.shuffle.partitions", "7"));
        String plain = openSession(Map.of());

        assertThat(rows(execute("set spark.sql.shuffle.partitions", tuned)))
                .containsExactly("key\tvalue\nspark.sql.shuffle.partitions\t7\n");
        completed(execute("set spark.sql.shuffle.partitions = 5", plain));
        assertThat(rows(execute("set spark.sql.shuffle.partitions", plain)))
                .containsExactly("key\tvalue\nspark.sql.shuffle.partitions\t5\n");
        assertThat(rows(execute("set spark.sql.shuffle.partitions", "")))
                .as("the shared session keeps the engine's conf")
                .containsExactly("key\tvalue\nspark.sql.shuffle.partitions\t2\n");
    }

    @Test
    void refusesConfThatCannotBeSetPerSession() {
        for (Map<String, String> conf : List.of(
                Map.of("spark.sql.warehouse.dir", "/tmp/elsewhere"),
                Map.of("spark.executor.memory", "8g"),
                Map.of("spark.sql.shuffle.partitions", "many"))) {
            String sessionId = "bad-" + ids.incrementAndGet();
            assertThatThrownBy(() -> engine.openSession(OpenSessionRequest.newBuilder()
                            .setSessionId(sessionId)
                            .putAllConf(conf)
                            .build()))
                    .as("conf %s", conf)
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription())
                                .contains(conf.keySet().iterator().next());
                    });
            assertThat(failed(execute("select 1", sessionId)).getErrorClass())
                    .as("nothing was opened")
                    .isEqualTo("SESSION_NOT_FOUND");
        }
    }

    @Test
    void aClosedOrUnknownSessionFailsItsStatements() {
        String sessionId = openSession(Map.of());
        assertThat(engine.closeSession(CloseSessionRequest.newBuilder()
                                .setSessionId(sessionId)
                                .build())
                        .getWasOpen())
                .isTrue();
        assertThat(engine.closeSession(CloseSessionRequest.newBuilder()
                                .setSessionId(sessionId)
                                .build())
                        .getWasOpen())
                .isFalse();

        List<StatementEvent> events = execute("select 1", sessionId);
        assertThat(events.get(0).hasStarted()).isTrue();
        StatementFailed failure = failed(events);
        assertThat(failure.getErrorClass()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(failure.getMessage()).contains(sessionId);
    }

    @Test
    void reportsStagesAndTasksOfAMultiStageQuery() {
        // two shuffles over many small tasks: several stages, long enough for throttled reports
        List<StatementEvent> events = execute(
                "select k, count(*) from (select id % 10 as k from range(0, 5000000, 1, 40)"
                        + " distribute by id % 7) group by k",
                "");

        completed(events);
        List<StatementProgress> reports = events.stream()
                .filter(StatementEvent::hasProgress)
                .map(StatementEvent::getProgress)
                .toList();
        assertThat(reports).isNotEmpty();
        StatementProgress last = reports.get(reports.size() - 1);
        assertThat(last.getStagesTotal()).isPositive();
        assertThat(last.getTasksTotal()).isGreaterThanOrEqualTo(40);
        assertThat(reports)
                .as("reports while tasks finish, not only when jobs start")
                .anySatisfy(report -> assertThat(report.getTasksCompleted()).isPositive());
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.getStagesCompleted()).isBetween(0, report.getStagesTotal());
            assertThat(report.getTasksCompleted()).isBetween(0L, report.getTasksTotal());
        });
        assertThat(reports.stream().mapToLong(StatementProgress::getTasksCompleted))
                .as("tasks done only grow")
                .isSorted();
        assertThat(events.indexOf(events.stream()
                        .filter(StatementEvent::hasProgress)
                        .findFirst()
                        .orElseThrow()))
                .as("progress comes after STARTED")
                .isPositive();
    }

    private String openSession(Map<String, String> conf) {
        String sessionId = "session-" + ids.incrementAndGet();
        engine.openSession(OpenSessionRequest.newBuilder()
                .setSessionId(sessionId)
                .setUser("tester")
                .putAllConf(conf)
                .build());
        return sessionId;
    }

    private List<StatementEvent> execute(String sql, String sessionId) {
        List<StatementEvent> events = new ArrayList<>();
        engine.withDeadlineAfter(120, TimeUnit.SECONDS)
                .executeStatement(ExecuteStatementRequest.newBuilder()
                        .setStatementId("statement-" + ids.incrementAndGet())
                        .setSql(sql)
                        .setUser("tester")
                        .setSessionId(sessionId)
                        .build())
                .forEachRemaining(events::add);
        assertThat(events.stream().filter(event -> event.hasCompleted() || event.hasFailed()))
                .as("exactly one terminal event: %s", events)
                .hasSize(1);
        return events;
    }

    private List<String> rows(List<StatementEvent> events) {
        completed(events);
        try {
            return ArrowStreams.readBatches(allocator, events, VectorSchemaRoot::contentToTSVString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void completed(List<StatementEvent> events) {
        StatementEvent last = events.get(events.size() - 1);
        assertThat(last.hasCompleted()).as("completed, but got %s", last).isTrue();
    }

    private static StatementFailed failed(List<StatementEvent> events) {
        StatementEvent last = events.get(events.size() - 1);
        assertThat(last.hasFailed()).as("failed, but got %s", last).isTrue();
        return last.getFailed();
    }
}
