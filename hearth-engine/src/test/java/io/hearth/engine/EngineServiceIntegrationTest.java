package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.hearth.protocol.v1.CancelStatementRequest;
import io.hearth.protocol.v1.EngineServiceGrpc;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.Parameter;
import io.hearth.protocol.v1.PingRequest;
import io.hearth.protocol.v1.PingResponse;
import io.hearth.protocol.v1.ShutdownRequest;
import io.hearth.protocol.v1.StatementCompleted;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementFailed;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The module's real local[2] SparkSession behind the real gRPC service, reached by a real gRPC client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineServiceIntegrationTest {
    /** Small, so Spark's 10,000-row batches of the range test are split before sending. */
    private static final int MAX_BATCH_BYTES = 64 * 1024;

    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger shutdownRequests = new AtomicInteger();
    private final AtomicInteger statementIds = new AtomicInteger();
    private TestingEngineStack stack;
    private SparkSession spark;
    private BufferAllocator allocator;
    private EngineServiceGrpc.EngineServiceBlockingStub engine;

    @BeforeAll
    void startEngine() throws Exception {
        stack = TestingEngineStack.start(
                TestingSpark.session(), MAX_BATCH_BYTES, pings::incrementAndGet, shutdownRequests::incrementAndGet);
        spark = stack.spark();
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
    void streamsAParameterizedRangeInSeveralBatchesWithExactValues() throws Exception {
        List<StatementEvent> events = execute(request("select id, id * 2 as x from range(:n)")
                .addParameters(parameter("n", "BIGINT", "25000"))
                .build());

        assertThat(events.get(0).hasStarted()).isTrue();
        assertThat(events.get(1).getSchema().getColumnsList())
                .extracting(column -> column.getName() + " " + column.getType() + " " + column.getNullable())
                .containsExactly("id BIGINT false", "x BIGINT false");
        List<StatementEvent> batches =
                events.stream().filter(StatementEvent::hasBatch).toList();
        assertThat(batches).hasSizeGreaterThanOrEqualTo(3);
        assertThat(batches)
                .allSatisfy(batch -> assertThat(
                                batch.getBatch().getArrowRecordBatch().size())
                        .isLessThanOrEqualTo(MAX_BATCH_BYTES));
        assertThat(completed(events).getRowCount()).isEqualTo(25000);
        assertThat(completed(events).getTruncated()).isFalse();

        List<long[]> ids = ArrowStreams.readBatches(allocator, events, root -> {
            BigIntVector id = (BigIntVector) root.getVector("id");
            BigIntVector x = (BigIntVector) root.getVector("x");
            long[] values = new long[root.getRowCount()];
            for (int row = 0; row < root.getRowCount(); row++) {
                values[row] = id.get(row);
                assertThat(x.get(row)).isEqualTo(2 * id.get(row));
            }
            return values;
        });
        assertThat(ids).hasSameSizeAs(batches);
        long[] all = ids.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        assertThat(all).containsExactly(IntStream.range(0, 25000).asLongStream().toArray());
        assertThat(batches.stream()
                        .mapToLong(batch -> batch.getBatch().getRowCount())
                        .sum())
                .isEqualTo(25000);
    }

    @Test
    void convertsTypedColumnsThroughArrow() throws Exception {
        List<StatementEvent> events = execute(request("select cast(12.34 as decimal(10,2)) as d,"
                        + " date'2024-02-29' as dt, timestamp'2024-01-02 03:04:05' as ts, 'héllo' as s,"
                        + " array(1, 2, 3) as a, map('k', 1) as m, named_struct('a', 1, 'b', 'x') as st,"
                        + " cast(null as int) as n")
                .build());

        assertThat(events.get(1).getSchema().getColumnsList())
                .extracting(column -> column.getName() + " " + column.getType())
                .containsExactly(
                        "d DECIMAL(10,2)",
                        "dt DATE",
                        "ts TIMESTAMP",
                        "s STRING",
                        "a ARRAY<INT>",
                        "m MAP<STRING, INT>",
                        "st STRUCT<a: INT NOT NULL, b: STRING NOT NULL>",
                        "n INT");
        assertThat(completed(events).getRowCount()).isEqualTo(1);
        List<Map<String, Object>> rows = ArrowStreams.readBatches(allocator, events, root -> {
            assertThat(root.getRowCount()).isEqualTo(1);
            ArrowType.Timestamp tsType =
                    (ArrowType.Timestamp) root.getSchema().findField("ts").getType();
            assertThat(tsType.getTimezone()).isEqualTo("UTC");
            return Map.of(
                    "d", ((DecimalVector) root.getVector("d")).getObject(0),
                    "dt", ((DateDayVector) root.getVector("dt")).get(0),
                    "ts", ((TimeStampMicroTZVector) root.getVector("ts")).get(0),
                    "s", root.getVector("s").getObject(0).toString(),
                    "a", ((ListVector) root.getVector("a")).getObject(0),
                    "m", ((MapVector) root.getVector("m")).getObject(0).toString(),
                    "st", ((StructVector) root.getVector("st")).getObject(0).toString(),
                    "n", ((IntVector) root.getVector("n")).isNull(0));
        });
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("d")).isEqualTo(new BigDecimal("12.34"));
        assertThat(row.get("dt")).isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(row.get("ts"))
                .isEqualTo(Instant.parse("2024-01-02T03:04:05Z").toEpochMilli() * 1000);
        assertThat(row.get("s")).isEqualTo("héllo");
        assertThat(row.get("a")).isEqualTo(List.of(1, 2, 3));
        assertThat((String) row.get("m")).contains("\"key\":\"k\"").contains("\"value\":1");
        assertThat((String) row.get("st")).contains("\"a\":1").contains("\"b\":\"x\"");
        assertThat(row.get("n")).isEqualTo(true);
    }

    @Test
    void bindsTypedParameters() throws Exception {
        List<StatementEvent> events =
                execute(request("select :i + 1 as i, :d as d, :day as day, :s as s, :b as b, :bin as bin")
                        .addParameters(parameter("i", "INT", "41"))
                        .addParameters(parameter("d", "DECIMAL(5,2)", "1.5"))
                        .addParameters(parameter("day", "DATE", "2024-03-01"))
                        .addParameters(parameter("s", "STRING", "it's"))
                        .addParameters(parameter("b", "BOOLEAN", "true"))
                        .addParameters(parameter("bin", "BINARY", "AQID"))
                        .build());

        assertThat(events.get(1).getSchema().getColumnsList())
                .extracting(column -> column.getType())
                // Spark types a bound decimal by its value: 1.50 is DECIMAL(3,2) whatever the declared precision
                .containsExactly("INT", "DECIMAL(3,2)", "DATE", "STRING", "BOOLEAN", "BINARY");
        List<List<String>> rows = ArrowStreams.readBatches(
                allocator,
                events,
                root -> List.of(
                        root.getVector("i").getObject(0).toString(),
                        root.getVector("d").getObject(0).toString(),
                        String.valueOf(((DateDayVector) root.getVector("day")).get(0)),
                        root.getVector("s").getObject(0).toString(),
                        root.getVector("b").getObject(0).toString(),
                        java.util.Arrays.toString(((VarBinaryVector) root.getVector("bin")).get(0))));
        assertThat(rows)
                .containsExactly(List.of(
                        "42",
                        "1.50",
                        String.valueOf(LocalDate.of(2024, 3, 1).toEpochDay()),
                        "it's",
                        "true",
                        "[1, 2, 3]"));
    }

    @Test
    void truncatesAtTheRowLimitOnlyWhenThereAreMoreRows() throws Exception {
        List<StatementEvent> cut =
                execute(request("select id from range(100)").setRowLimit(30).build());
        assertThat(completed(cut).getRowCount()).isEqualTo(30);
        assertThat(completed(cut).getTruncated()).isTrue();
        assertThat(ArrowStreams.readBatches(allocator, cut, VectorSchemaRoot::getRowCount).stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(30);

        List<StatementEvent> exact =
                execute(request("select id from range(100)").setRowLimit(100).build());
        assertThat(completed(exact).getRowCount()).isEqualTo(100);
        assertThat(completed(exact).getTruncated()).isFalse();
        List<Long> lastIds = ArrowStreams.readBatches(
                allocator, exact, root -> ((BigIntVector) root.getVector("id")).get(root.getRowCount() - 1));
        assertThat(lastIds.get(lastIds.size() - 1)).isEqualTo(99L);
    }

    @Test
    void passesSparkCompressedBatchesThroughAndSlicesThem() throws Exception {
        execute(request("set spark.sql.execution.arrow.compression.codec = zstd")
                .build());
        try {
            List<StatementEvent> all = execute(request("select id, cast(id as string) as s from range(0, 50, 1, 1)")
                    .build());
            StatementEvent batch =
                    all.stream().filter(StatementEvent::hasBatch).findFirst().orElseThrow();
            try (ArrowRecordBatch decoded = MessageSerializer.deserializeRecordBatch(
                    new ReadChannel(Channels.newChannel(
                            batch.getBatch().getArrowRecordBatch().newInput())),
                    allocator)) {
                assertThat(decoded.getBodyCompression().getCodec()).as("zstd").isEqualTo((byte) 1);
            }
            assertThat(ArrowStreams.readBatches(
                            allocator, all, root -> root.getVector("s").getObject(49)))
                    .extracting(Object::toString)
                    .containsExactly("49");

            List<StatementEvent> cut = execute(request("select id, cast(id as string) as s from range(0, 50, 1, 1)")
                    .setRowLimit(20)
                    .build());
            assertThat(completed(cut).getTruncated()).isTrue();
            assertThat(ArrowStreams.readBatches(
                            allocator, cut, root -> root.getVector("s").getObject(19)))
                    .extracting(Object::toString)
                    .containsExactly("19");
        } finally {
            execute(request("reset spark.sql.execution.arrow.compression.codec").build());
        }
    }

    @Test
    void runsCommandsThroughTheSamePath() throws Exception {
        List<StatementEvent> created = execute(request("create or replace temp view hearth_v as select 7 as seven")
                .build());
        assertThat(completed(created).getRowCount()).isZero();
        assertThat(created.get(1).hasSchema()).isTrue();

        List<StatementEvent> selected =
                execute(request("select * from hearth_v").build());
        assertThat(ArrowStreams.readBatches(allocator, selected, VectorSchemaRoot::contentToTSVString))
                .containsExactly("seven\n7\n");

        List<StatementEvent> shown = execute(request("show views").build());
        assertThat(completed(shown).getRowCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void convertsResultsTheDriverAlreadyHoldsWithoutASparkJob() throws Exception {
        ExecuteStatementRequest literal =
                request("select * from values (1, 'x') as t(one, letter)").build();
        List<StatementEvent> events = execute(literal);
        assertThat(ArrowStreams.readBatches(allocator, events, VectorSchemaRoot::contentToTSVString))
                .containsExactly("one\tletter\n1\tx\n");
        assertThat(spark.sparkContext().statusTracker().getJobIdsForGroup(literal.getStatementId()))
                .as("Spark jobs for a VALUES list")
                .isEmpty();

        ExecuteStatementRequest constant = request("select 1 as one, 'x' || 'y' as letters, date'2024-02-29' as day")
                .build();
        List<StatementEvent> constantEvents = execute(constant);
        assertThat(ArrowStreams.readBatches(allocator, constantEvents, VectorSchemaRoot::contentToTSVString))
                .containsExactly("one\tletters\tday\n1\txy\t19782\n");
        assertThat(spark.sparkContext().statusTracker().getJobIdsForGroup(constant.getStatementId()))
                .as("Spark jobs for a constant projection")
                .isEmpty();

        ExecuteStatementRequest scan =
                request("select id from range(0, 3, 1, 3)").build();
        assertThat(ArrowStreams.readBatches(allocator, execute(scan), VectorSchemaRoot::getRowCount).stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(3);
        assertThat(spark.sparkContext().statusTracker().getJobIdsForGroup(scan.getStatementId()))
                .as("Spark jobs for a small scan of three partitions: one, like collect()")
                .hasSize(1);
    }

    @Test
    void reportsSparkErrorConditionsAndSqlStates() {
        List<StatementEvent> events = execute(request("select * from nope").build());

        StatementFailed failed = failed(events);
        assertThat(failed.getErrorClass()).isEqualTo("TABLE_OR_VIEW_NOT_FOUND");
        assertThat(failed.getSqlState()).isEqualTo("42P01");
        assertThat(failed.getMessage()).contains("nope");
        assertThat(failed.getCanceled()).isFalse();
        assertThat(events).noneMatch(StatementEvent::hasSchema);
    }

    @Test
    void rejectsBadParameterValuesAndTypes() {
        StatementFailed badValue = failed(execute(request("select :n")
                .addParameters(parameter("n", "INT", "forty"))
                .build()));
        assertThat(badValue.getErrorClass()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(badValue.getSqlState()).isEqualTo("22023");
        assertThat(badValue.getMessage()).contains("'n'");

        StatementFailed badType = failed(execute(request("select :w")
                .addParameters(parameter("w", "WIDGET", "1"))
                .build()));
        assertThat(badType.getErrorClass()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(badType.getMessage()).contains("'w'").contains("WIDGET");
    }

    @Test
    void cancelsALongStatementAndThenRunsTheNextOne() throws Exception {
        String statementId = "long-" + statementIds.incrementAndGet();
        Iterator<StatementEvent> stream = engine.withDeadlineAfter(60, TimeUnit.SECONDS)
                .executeStatement(ExecuteStatementRequest.newBuilder()
                        .setStatementId(statementId)
                        .setSql("select count(*) from range(0, 1000000000000L, 1, 2) cross join range(1000)")
                        .build());
        assertThat(stream.next().hasStarted()).isTrue();
        awaitTrue(
                Duration.ofSeconds(30),
                () -> spark.sparkContext().statusTracker().getJobIdsForGroup(statementId).length > 0);
        assertThat(pingRunningStatements()).isEqualTo(1);

        long cancelAt = System.nanoTime();
        assertThat(engine.cancelStatement(CancelStatementRequest.newBuilder()
                                .setStatementId(statementId)
                                .build())
                        .getWasRunning())
                .isTrue();
        List<StatementEvent> rest = new ArrayList<>();
        stream.forEachRemaining(rest::add);

        assertThat(Duration.ofNanos(System.nanoTime() - cancelAt)).isLessThan(Duration.ofSeconds(10));
        StatementFailed failed = failed(rest);
        assertThat(failed.getCanceled()).isTrue();
        assertThat(failed.getErrorClass()).isEqualTo("CANCELED");
        awaitTrue(Duration.ofSeconds(60), () -> pingRunningStatements() == 0);
        assertThat(completed(execute(request("select 1").build())).getRowCount())
                .isEqualTo(1);
        assertThat(engine.cancelStatement(CancelStatementRequest.newBuilder()
                                .setStatementId(statementId)
                                .build())
                        .getWasRunning())
                .isFalse();
    }

    @Test
    void aBrokenCallLeavesTheStatementRunningForARestartedGatewayUntilCancelStatement() throws Exception {
        String statementId = "abandoned-" + statementIds.incrementAndGet();
        Context.CancellableContext call = Context.current().withCancellation();
        Iterator<StatementEvent> stream = call.call(() -> engine.executeStatement(ExecuteStatementRequest.newBuilder()
                .setStatementId(statementId)
                .setSql("select count(*) from range(0, 1000000000000L, 1, 2) cross join range(1000)")
                .build()));
        assertThat(stream.next().hasStarted()).isTrue();
        awaitTrue(Duration.ofSeconds(30), () -> activeJobs(statementId) > 0);

        call.cancel(null); // the gateway went away

        Thread.sleep(2000);
        assertThat(activeJobs(statementId))
                .as("the gateway's call broke, but only CancelStatement stops the work")
                .isPositive();
        assertThat(engine.cancelStatement(CancelStatementRequest.newBuilder()
                                .setStatementId(statementId)
                                .build())
                        .getWasRunning())
                .isTrue();
        awaitTrue(Duration.ofSeconds(60), () -> activeJobs(statementId) == 0 && pingRunningStatements() == 0);
    }

    private long activeJobs(String jobGroup) {
        var tracker = spark.sparkContext().statusTracker();
        return java.util.Arrays.stream(tracker.getJobIdsForGroup(jobGroup))
                .filter(jobId -> tracker.getJobInfo(jobId).isDefined()
                        && tracker.getJobInfo(jobId).get().status() == org.apache.spark.JobExecutionStatus.RUNNING)
                .count();
    }

    @Test
    void waitsForASlowGatewayInsteadOfBufferingTheResult() throws Exception {
        String statementId = "slow-" + statementIds.incrementAndGet();
        // as if the result were larger than the small-result budget: one partition per job
        spark.conf().set(SparkArrowAdapter.SMALL_RESULT_BYTES_KEY, "0");
        try {
            ManualFlowReader reader = new ManualFlowReader();
            EngineServiceGrpc.newStub(stack.channel())
                    .withDeadlineAfter(60, TimeUnit.SECONDS)
                    .executeStatement(
                            ExecuteStatementRequest.newBuilder()
                                    .setStatementId(statementId)
                                    .setSql("select id from range(0, 800000, 1, 16)")
                                    .build(),
                            reader);

            awaitTrue(Duration.ofSeconds(90), this::statementThreadWaitsForTheGateway);
            assertThat(spark.sparkContext().statusTracker().getJobIdsForGroup(statementId))
                    .as("partitions fetched while the gateway reads nothing")
                    .hasSizeLessThan(16);

            reader.requestAll();
            List<StatementEvent> events = reader.events.get(60, TimeUnit.SECONDS);
            assertThat(completed(events).getRowCount()).isEqualTo(800000);
            assertThat(ArrowStreams.readBatches(allocator, events, VectorSchemaRoot::getRowCount).stream()
                            .mapToInt(Integer::intValue)
                            .sum())
                    .isEqualTo(800000);
        } finally {
            spark.conf().unset(SparkArrowAdapter.SMALL_RESULT_BYTES_KEY);
        }
    }

    private boolean statementThreadWaitsForTheGateway() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getName().startsWith("hearth-statement"))
                .filter(entry -> entry.getKey().getState() == Thread.State.WAITING)
                .anyMatch(entry -> java.util.Arrays.stream(entry.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(StatementEventStream.class.getName())));
    }

    /** A gateway that reads one message, then nothing until told to. */
    private static final class ManualFlowReader
            implements ClientResponseObserver<ExecuteStatementRequest, StatementEvent> {
        private final List<StatementEvent> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final CompletableFuture<List<StatementEvent>> events = new CompletableFuture<>();
        private volatile ClientCallStreamObserver<ExecuteStatementRequest> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<ExecuteStatementRequest> requestStream) {
            call = requestStream;
            requestStream.disableAutoRequestWithInitial(1);
        }

        void requestAll() {
            call.request(Integer.MAX_VALUE);
        }

        @Override
        public void onNext(StatementEvent event) {
            received.add(event);
        }

        @Override
        public void onError(Throwable failure) {
            events.completeExceptionally(failure);
        }

        @Override
        public void onCompleted() {
            events.complete(List.copyOf(received));
        }
    }

    @Test
    void refusesCallsWithoutTheRightSecret() throws InterruptedException {
        ManagedChannel anonymous = NettyChannelBuilder.forAddress("127.0.0.1", stack.port())
                .usePlaintext()
                .build();
        ManagedChannel impostor = NettyChannelBuilder.forAddress("127.0.0.1", stack.port())
                .usePlaintext()
                .intercept(new EngineSecret("wrong").clientInterceptor())
                .build();
        try {
            for (ManagedChannel unauthorized : List.of(anonymous, impostor)) {
                EngineServiceGrpc.EngineServiceBlockingStub stub = EngineServiceGrpc.newBlockingStub(unauthorized);
                assertThatThrownBy(() -> stub.ping(PingRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(
                                StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
                assertThatThrownBy(
                                () -> stub.executeStatement(request("select 1").build())
                                        .hasNext())
                        .isInstanceOfSatisfying(
                                StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
            }
        } finally {
            anonymous.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            impostor.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersPingsAndShutdownRequests() {
        int pingsBefore = pings.get();
        PingResponse ping = engine.ping(PingRequest.getDefaultInstance());
        assertThat(ping.getEngineId()).isEqualTo("engine-1");
        assertThat(ping.getHeapUsedBytes()).isPositive();
        assertThat(ping.getHeapMaxBytes()).isGreaterThanOrEqualTo(ping.getHeapUsedBytes());
        assertThat(pings.get()).isEqualTo(pingsBefore + 1);

        engine.shutdown(ShutdownRequest.getDefaultInstance());
        assertThat(shutdownRequests.get()).isEqualTo(1);
    }

    private int pingRunningStatements() {
        return engine.ping(PingRequest.getDefaultInstance()).getRunningStatements();
    }

    private List<StatementEvent> execute(ExecuteStatementRequest request) {
        List<StatementEvent> events = new ArrayList<>();
        engine.withDeadlineAfter(60, TimeUnit.SECONDS).executeStatement(request).forEachRemaining(events::add);
        assertThat(events.stream().filter(event -> event.hasCompleted() || event.hasFailed()))
                .as("exactly one terminal event, last: %s", events)
                .hasSize(1);
        StatementEvent last = events.get(events.size() - 1);
        assertThat(last.hasCompleted() || last.hasFailed()).isTrue();
        return events;
    }

    private ExecuteStatementRequest.Builder request(String sql) {
        return ExecuteStatementRequest.newBuilder()
                .setStatementId("statement-" + statementIds.incrementAndGet())
                .setSql(sql)
                .setUser("tester");
    }

    private static Parameter parameter(String name, String type, String value) {
        return Parameter.newBuilder()
                .setName(name)
                .setType(type)
                .setValue(value)
                .build();
    }

    private static StatementCompleted completed(List<StatementEvent> events) {
        StatementEvent last = events.get(events.size() - 1);
        assertThat(last.hasCompleted()).as("completed, but got %s", last).isTrue();
        return last.getCompleted();
    }

    private static StatementFailed failed(List<StatementEvent> events) {
        StatementEvent last = events.get(events.size() - 1);
        assertThat(last.hasFailed())
                .as(
                        "failed, but got %s",
                        events.stream()
                                .map(event -> event.getEventCase().name())
                                .collect(Collectors.joining(",")))
                .isTrue();
        return last.getFailed();
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
