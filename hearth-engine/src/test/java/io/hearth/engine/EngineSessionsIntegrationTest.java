package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.protocol.v1.CloseSessionRequest;
import io.hearth.protocol.v1.EngineServiceGrpc;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.OpenSessionRequest;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementFailed;
import io.hearth.protocol.v1.StatementProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sessions and progress on the module's real local[2] SparkSession behind the real gRPC service: each
 * session a SparkSession of its own, and PROGRESS events from Spark's listener bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineSessionsIntegrationTest {
    private final AtomicInteger ids = new AtomicInteger();
    private TestingEngineStack stack;
    private BufferAllocator allocator;
    private EngineServiceGrpc.EngineServiceBlockingStub engine;

    @BeforeAll
    void startEngine() throws Exception {
        stack = TestingEngineStack.start(TestingSpark.session());
        allocator = stack.allocator();
        engine = stack.engine();
    }

    @AfterAll
    void stopEngine() {
        if (stack != null) {
            stack.close();
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
