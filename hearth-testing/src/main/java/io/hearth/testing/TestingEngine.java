package io.hearth.testing;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hearth.protocol.v1.BindEngineRequest;
import io.hearth.protocol.v1.BindEngineResponse;
import io.hearth.protocol.v1.CancelStatementRequest;
import io.hearth.protocol.v1.CancelStatementResponse;
import io.hearth.protocol.v1.CloseSessionRequest;
import io.hearth.protocol.v1.CloseSessionResponse;
import io.hearth.protocol.v1.Column;
import io.hearth.protocol.v1.DescribeFunctionRequest;
import io.hearth.protocol.v1.DescribeFunctionResponse;
import io.hearth.protocol.v1.EngineFailureReport;
import io.hearth.protocol.v1.EngineServiceGrpc;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.GatewayServiceGrpc;
import io.hearth.protocol.v1.ListObjectsRequest;
import io.hearth.protocol.v1.ListObjectsResponse;
import io.hearth.protocol.v1.OpenSessionRequest;
import io.hearth.protocol.v1.OpenSessionResponse;
import io.hearth.protocol.v1.Parameter;
import io.hearth.protocol.v1.PingRequest;
import io.hearth.protocol.v1.PingResponse;
import io.hearth.protocol.v1.RegisterEngineRequest;
import io.hearth.protocol.v1.ResultBatch;
import io.hearth.protocol.v1.ResultSchema;
import io.hearth.protocol.v1.ShutdownRequest;
import io.hearth.protocol.v1.ShutdownResponse;
import io.hearth.protocol.v1.SinkWritten;
import io.hearth.protocol.v1.StartStreamRequest;
import io.hearth.protocol.v1.StartStreamResponse;
import io.hearth.protocol.v1.StatementCompleted;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementFailed;
import io.hearth.protocol.v1.StatementProgress;
import io.hearth.protocol.v1.StatementStarted;
import io.hearth.protocol.v1.StopStreamRequest;
import io.hearth.protocol.v1.StopStreamResponse;
import io.hearth.protocol.v1.StreamBatchProgress;
import io.hearth.protocol.v1.StreamStatusRequest;
import io.hearth.protocol.v1.StreamStatusResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An in-process engine that speaks the real engine protocol over loopback gRPC, registers with the
 * gateway like a real engine, and understands a tiny language instead of SQL, so server tests run
 * in milliseconds:
 *
 * <ul>
 *   <li>any text containing {@code range(N)}: N rows of one BIGINT column {@code id} (0..N-1), in
 *       batches of {@link #BATCH_ROWS}; {@code :name} parameters are substituted first
 *   <li>{@code fail CONDITION SQLSTATE}: fails with that condition and SQLSTATE
 *   <li>{@code block}: runs until canceled
 *   <li>{@code types}: two rows of one column per common Spark type ({@code b} BOOLEAN, {@code i}
 *       INT, {@code d} DOUBLE, {@code dec} DECIMAL(10,2), {@code s} STRING, {@code dt} DATE, {@code
 *       ts} TIMESTAMP (UTC), {@code bin} BINARY, {@code arr} ARRAY&lt;INT&gt;): {@code true, 42, 1.5,
 *       12.30, "text", 2024-05-01, 2024-05-01 10:00:00.123456, [1, 2, 3], [1, 2]}, then all nulls
 *   <li>{@code progress}: reports progress (stages 1 of 2, tasks 5 of 10, message {@code
 *       halfway}), then runs until canceled
 *   <li>{@code progress then range(N)}: reports that progress, then answers as {@code range(N)}
 *   <li>{@code set KEY=VALUE}, {@code append KEY=VALUE} (adds VALUE to the end of KEY's value) and
 *       {@code get KEY}: a value kept per session (or in the engine's shared session without a
 *       session id), answered as one row of one STRING column {@code value} (null when unset)
 * </ul>
 *
 * <p>Sessions: OpenSession keeps the request's conf as the session's first values (so {@code get
 * spark.sql.shuffle.partitions} shows it) and refuses conf keys outside {@code spark.sql.*} with
 * INVALID_ARGUMENT, as Spark refuses core confs; a statement in an unknown session fails with
 * SESSION_NOT_FOUND.
 *
 * <p>Jobs ({@code ExecuteStatementRequest.job}) and {@code DescribeFunction} know a few fake classes
 * (any artifact; the jar is not read):
 *
 * <ul>
 *   <li>{@code testing.Echo}, parameters {@code {n: integer, word: string}} (both required): logs
 *       {@code echo <word>} and reports progress {@code echoing}, then returns its parameters as
 *       its value
 *   <li>{@code testing.Rows}, parameters {@code {rows: integer}}: returns that many rows as a
 *       Dataset would (one BIGINT column {@code id}), cut at the row limit
 *   <li>{@code testing.Fail}, no parameters: fails with {@code JOB_FAILED}
 *   <li>{@code testing.Block}, no parameters: logs {@code blocking}, reports progress {@code
 *       waiting to be canceled}, then runs until canceled
 *   <li>{@code testing.Persist}, parameters {@code {name: string}}: keeps a named object of that
 *       name, listed by {@code ListObjects}, and returns the name
 * </ul>
 *
 * Any other class is refused with INVALID_ARGUMENT, as a real engine refuses a missing class.
 *
 * <p>Standby ({@link #startStandbyAndRegister}): registers with {@code standby = true} and refuses
 * statement, session and job calls with FAILED_PRECONDITION "engine is not bound yet" until
 * BindEngine, which records the conf and proxy user ({@link #boundConf}, {@link #boundProxyUser})
 * and answers spark_version {@code testing}, application_id {@code testing-<engine id>}. A second
 * BindEngine, or one to an engine not started as standby, is refused with FAILED_PRECONDITION. A
 * {@code spark.master} Spark would not parse (not {@code local...}, {@code spark://...}, {@code
 * yarn} or {@code k8s://...}) is refused with INVALID_ARGUMENT "Could not parse Master URL", and
 * the engine then exits with 1, as a real one does.
 *
 * <p>Streams: StartStream keeps the request (see {@link #streamRequest}) and refuses SQL containing
 * {@code refuse} with INVALID_ARGUMENT {@code [PARSE_SYNTAX_ERROR]}; each StreamStatus of an active
 * stream adds one micro-batch of 10 input rows, its batch id kept in the file {@code
 * testing-last-batch} of the checkpoint folder, so a stream started again from its checkpoint (on
 * any engine) counts on from there, as Spark's do; SQL containing {@code explode} fails the stream
 * with {@code boom} after its first batch. StopStream stops it; an unknown id is NOT_FOUND.
 */
public final class TestingEngine implements AutoCloseable {
    public static final int BATCH_ROWS = 1000;
    private static final Metadata.Key<String> SECRET =
            Metadata.Key.of("hearth-engine-secret", Metadata.ASCII_STRING_MARSHALLER);
    private static final Pattern RANGE = Pattern.compile("range\\((\\d+)\\)");
    private static final Pattern FAIL = Pattern.compile("fail (\\S+) (\\S+)");
    private static final Pattern PARAMETER = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern SET = Pattern.compile("(set|append) ([^=\\s]+)=(.*)");
    private static final Pattern GET = Pattern.compile("get (\\S+)");
    private static final String SQL_CONF_PREFIX = "spark.sql.";
    private static final Pattern MASTER = Pattern.compile("local(\\[.*])?|spark://.+|yarn|k8s://.+");
    private final String engineId;
    private final String secret;
    private final Server server;
    private final BufferAllocator allocator = new RootAllocator();
    private final ExecutorService executor;
    private final Map<String, CountDownLatch> running = new ConcurrentHashMap<>();
    private final Set<String> canceled = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, String>> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> sharedValues = new ConcurrentHashMap<>();
    private final AtomicInteger executed = new AtomicInteger();
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final TestingJobs jobs = new TestingJobs();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final boolean standby;
    private final AtomicBoolean bindRequested = new AtomicBoolean();
    private volatile Map<String, String> boundConf;
    private volatile String boundProxyUser = "";
    private volatile boolean hung;
    private final Map<String, FakeStream> streams = new ConcurrentHashMap<>();

    private TestingEngine(String engineId, String secret, boolean standby) throws IOException {
        this.engineId = requireNonNull(engineId, "engineId is null");
        this.secret = requireNonNull(secret, "secret is null");
        this.standby = standby;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "testing-engine-" + engineId + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Service())
                .intercept(new SecretCheck())
                .build()
                .start();
    }

    /** Starts an engine and registers it with the gateway at {@code gatewayAddress}. */
    public static TestingEngine startAndRegister(String engineId, String secret, String gatewayAddress)
            throws IOException {
        return startAndRegister(engineId, secret, gatewayAddress, engine -> {});
    }

    /**
     * Starts an engine and registers it, handing it to {@code beforeRegistering} first: once
     * registered, the gateway may send it work at once, so whoever tracks engines must know it by
     * then.
     */
    public static TestingEngine startAndRegister(
            String engineId, String secret, String gatewayAddress, Consumer<TestingEngine> beforeRegistering)
            throws IOException {
        return start(engineId, secret, gatewayAddress, beforeRegistering, false);
    }

    /**
     * Starts a standby engine (as launched with {@code --standby}) and registers it with {@code
     * standby = true}; it serves once bound (BindEngine).
     */
    public static TestingEngine startStandbyAndRegister(
            String engineId, String secret, String gatewayAddress, Consumer<TestingEngine> beforeRegistering)
            throws IOException {
        return start(engineId, secret, gatewayAddress, beforeRegistering, true);
    }

    private static TestingEngine start(
            String engineId,
            String secret,
            String gatewayAddress,
            Consumer<TestingEngine> beforeRegistering,
            boolean standby)
            throws IOException {
        TestingEngine engine = new TestingEngine(engineId, secret, standby);
        try {
            beforeRegistering.accept(engine);
            engine.callGateway(
                    gatewayAddress,
                    gateway -> gateway.registerEngine(RegisterEngineRequest.newBuilder()
                            .setEngineId(engineId)
                            .setHost("127.0.0.1")
                            .setPort(engine.port())
                            .setPid(ProcessHandle.current().pid())
                            .setSparkVersion("testing")
                            .setStandby(standby)
                            .build()));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    /** Tells the gateway this engine could not start, as a real engine does before it exits. */
    public static void reportFailure(String engineId, String secret, String gatewayAddress, String message) {
        ManagedChannel channel = channel(gatewayAddress, secret);
        try {
            GatewayServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .reportEngineFailure(EngineFailureReport.newBuilder()
                            .setEngineId(engineId)
                            .setMessage(message)
                            .build());
        } finally {
            channel.shutdownNow();
        }
    }

    public String engineId() {
        return engineId;
    }

    public int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** Completes with an exit code when the engine stops (by Shutdown, crash or close). */
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    /** Whether it was started as standby (whether bound since or not). */
    public boolean isStandby() {
        return standby;
    }

    /** Whether it serves: not standby, or bound. */
    public boolean isBound() {
        return !standby || boundConf != null;
    }

    /** The conf a standby engine was bound with; empty until bound. */
    public Optional<Map<String, String>> boundConf() {
        return Optional.ofNullable(boundConf);
    }

    /** The proxy user a standby engine was bound for; empty until bound, or bound without one. */
    public Optional<String> boundProxyUser() {
        return boundConf == null || boundProxyUser.isEmpty() ? Optional.empty() : Optional.of(boundProxyUser);
    }

    /** The sessions open on it now. */
    public Set<String> openSessions() {
        return Set.copyOf(sessions.keySet());
    }

    /** Whether it was asked to run the statement of this id. */
    public boolean hasReceived(String statementId) {
        return received.contains(statementId);
    }

    /** The StartStream request of a stream it was asked to run, if it was. */
    public Optional<StartStreamRequest> streamRequest(String streamId) {
        return Optional.ofNullable(streams.get(streamId)).map(stream -> stream.request);
    }

    /** The streams active on it now. */
    public Set<String> activeStreams() {
        Set<String> active = new java.util.TreeSet<>();
        streams.forEach((id, stream) -> {
            if (stream.state == StreamStatusResponse.State.ACTIVE) {
                active.add(id);
            }
        });
        return active;
    }

    /** How many statements it was asked to run. */
    public int executedStatements() {
        return executed.get();
    }

    /** Dies at once, like a killed JVM: connections drop and it exits with 137. */
    /**
     * Stops answering pings while the process lives on, like a JVM stuck in garbage collection or
     * a deadlock: only heartbeats can tell.
     */
    public void hang() {
        hung = true;
    }

    public void crash() {
        server.shutdownNow();
        executor.shutdownNow();
        exit.complete(137);
    }

    @Override
    public void close() {
        server.shutdownNow();
        executor.shutdownNow();
        allocator.close();
        exit.complete(0);
    }

    private void callGateway(
            String gatewayAddress, java.util.function.Consumer<GatewayServiceGrpc.GatewayServiceBlockingStub> call) {
        ManagedChannel channel = channel(gatewayAddress, secret);
        try {
            call.accept(GatewayServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS));
        } finally {
            channel.shutdownNow();
        }
    }

    private static ManagedChannel channel(String address, String secret) {
        int colon = address.lastIndexOf(':');
        return NettyChannelBuilder.forAddress(
                        address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
                .usePlaintext()
                .intercept(new ClientInterceptor() {
                    @Override
                    public <Q, R> ClientCall<Q, R> interceptCall(
                            MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                            @Override
                            public void start(Listener<R> listener, Metadata headers) {
                                headers.put(SECRET, secret);
                                super.start(listener, headers);
                            }
                        };
                    }
                })
                .build();
    }

    private void run(
            ExecuteStatementRequest request, ServerCallStreamObserver<StatementEvent> events, CountDownLatch cancel) {
        String id = request.getStatementId();
        try {
            events.onNext(StatementEvent.newBuilder()
                    .setStarted(StatementStarted.newBuilder().setStartedAtEpochMillis(System.currentTimeMillis()))
                    .build());
            if (request.hasJob()) {
                jobs.run(
                        request,
                        events,
                        cancel,
                        rows -> streamRange(rows, request.getRowLimit(), events, request.getStatementId()));
                return;
            }
            String sql =
                    substitute(request.getSql(), request.getParametersList()).trim();
            Map<String, String> values =
                    request.getSessionId().isEmpty() ? sharedValues : sessions.get(request.getSessionId());
            Matcher fail = FAIL.matcher(sql);
            Matcher range = RANGE.matcher(sql);
            Matcher set = SET.matcher(sql);
            Matcher get = GET.matcher(sql);
            if (values == null) {
                failed(
                        events,
                        "SESSION_NOT_FOUND",
                        "",
                        "session " + request.getSessionId() + " is not open in this engine",
                        false);
            } else if (set.matches()) {
                String value = set.group(1).equals("set")
                        ? set.group(3)
                        : values.getOrDefault(set.group(2), "") + set.group(3);
                values.put(set.group(2), value);
                streamValue(value, events);
            } else if (get.matches()) {
                streamValue(values.get(get.group(1)), events);
            } else if (sql.equals("progress")) {
                events.onNext(StatementEvent.newBuilder()
                        .setProgress(StatementProgress.newBuilder()
                                .setStagesCompleted(1)
                                .setStagesTotal(2)
                                .setTasksCompleted(5)
                                .setTasksTotal(10)
                                .setMessage("halfway"))
                        .build());
                cancel.await();
                failed(events, "CANCELED", "", "the statement was canceled", true);
            } else if (fail.matches()) {
                failed(events, fail.group(1), fail.group(2), "the testing engine was told to fail", false);
            } else if (sql.equals("types")) {
                streamTypes(events);
            } else if (sql.equals("block")) {
                cancel.await();
                failed(events, "CANCELED", "", "the statement was canceled", true);
            } else if (request.hasSink() && range.find()) {
                // "writes" range(n) to the sink: COMPLETED with the rows written, nothing streamed
                long rows = Long.parseLong(range.group(1));
                long written = request.getRowLimit() > 0 ? Math.min(rows, request.getRowLimit()) : rows;
                events.onNext(StatementEvent.newBuilder()
                        .setCompleted(StatementCompleted.newBuilder()
                                .setRowCount(written)
                                .setSinkWritten(SinkWritten.newBuilder()
                                        .setRowsWritten(written)
                                        .setRowsKnown(true)))
                        .build());
                events.onCompleted();
            } else if (range.find()) {
                if (sql.startsWith("progress then ")) {
                    events.onNext(StatementEvent.newBuilder()
                            .setProgress(StatementProgress.newBuilder()
                                    .setStagesCompleted(1)
                                    .setStagesTotal(2)
                                    .setTasksCompleted(5)
                                    .setTasksTotal(10)
                                    .setMessage("halfway"))
                            .build());
                }
                streamRange(Long.parseLong(range.group(1)), request.getRowLimit(), events, id);
            } else {
                failed(events, "PARSE_SYNTAX_ERROR", "42601", "the testing engine does not understand: " + sql, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!events.isCancelled()) {
                events.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
            }
        } finally {
            running.remove(id);
            canceled.remove(id);
        }
    }

    private void streamRange(long rows, long rowLimit, StreamObserver<StatementEvent> events, String id) {
        Schema schema = new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null)));
        events.onNext(StatementEvent.newBuilder()
                .setSchema(ResultSchema.newBuilder()
                        .setArrowSchema(ByteString.copyFrom(ArrowMessages.schemaMessage(schema)))
                        .addColumns(Column.newBuilder()
                                .setName("id")
                                .setType("BIGINT")
                                .setNullable(false)))
                .build());
        long keep = rowLimit > 0 ? Math.min(rows, rowLimit) : rows;
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            BigIntVector vector = (BigIntVector) root.getVector(0);
            for (long start = 0; start < keep; start += BATCH_ROWS) {
                if (canceled.contains(id)) {
                    failed(events, "CANCELED", "", "the statement was canceled", true);
                    return;
                }
                int count = (int) Math.min(BATCH_ROWS, keep - start);
                vector.allocateNew(count);
                for (int i = 0; i < count; i++) {
                    vector.set(i, start + i);
                }
                root.setRowCount(count);
                events.onNext(StatementEvent.newBuilder()
                        .setBatch(ResultBatch.newBuilder()
                                .setArrowRecordBatch(ByteString.copyFrom(ArrowMessages.batchMessage(root)))
                                .setRowCount(count))
                        .build());
            }
        }
        events.onNext(StatementEvent.newBuilder()
                .setCompleted(StatementCompleted.newBuilder().setRowCount(keep).setTruncated(keep < rows))
                .build());
        events.onCompleted();
    }

    private void streamTypes(StreamObserver<StatementEvent> events) {
        Field element = new Field("element", FieldType.nullable(new ArrowType.Int(32, true)), null);
        List<Field> fields = List.of(
                new Field("b", FieldType.nullable(ArrowType.Bool.INSTANCE), null),
                new Field("i", FieldType.nullable(new ArrowType.Int(32, true)), null),
                new Field("d", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
                new Field("dec", FieldType.nullable(new ArrowType.Decimal(10, 2, 128)), null),
                new Field("s", FieldType.nullable(new ArrowType.Utf8()), null),
                new Field("dt", FieldType.nullable(new ArrowType.Date(DateUnit.DAY)), null),
                new Field(
                        "ts",
                        FieldType.nullable(
                                new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, "UTC")),
                        null),
                new Field("bin", FieldType.nullable(new ArrowType.Binary()), null),
                new Field("arr", FieldType.nullable(new ArrowType.List()), List.of(element)));
        List<String> types = List.of(
                "BOOLEAN", "INT", "DOUBLE", "DECIMAL(10,2)", "STRING", "DATE", "TIMESTAMP", "BINARY", "ARRAY<INT>");
        Schema schema = new Schema(fields);
        ResultSchema.Builder described =
                ResultSchema.newBuilder().setArrowSchema(ByteString.copyFrom(ArrowMessages.schemaMessage(schema)));
        for (int i = 0; i < fields.size(); i++) {
            described.addColumns(Column.newBuilder()
                    .setName(fields.get(i).getName())
                    .setType(types.get(i))
                    .setNullable(true));
        }
        events.onNext(StatementEvent.newBuilder().setSchema(described).build());
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            ((BitVector) root.getVector("b")).setSafe(0, 1);
            ((IntVector) root.getVector("i")).setSafe(0, 42);
            ((Float8Vector) root.getVector("d")).setSafe(0, 1.5);
            ((DecimalVector) root.getVector("dec")).setSafe(0, new BigDecimal("12.30"));
            ((VarCharVector) root.getVector("s")).setSafe(0, "text".getBytes(StandardCharsets.UTF_8));
            ((DateDayVector) root.getVector("dt"))
                    .setSafe(0, (int) LocalDate.of(2024, 5, 1).toEpochDay());
            ((TimeStampMicroTZVector) root.getVector("ts"))
                    .setSafe(0, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2024-05-01T10:00:00.123456Z")));
            ((VarBinaryVector) root.getVector("bin")).setSafe(0, new byte[] {1, 2, 3});
            ListVector arr = (ListVector) root.getVector("arr");
            UnionListWriter writer = arr.getWriter();
            writer.setPosition(0);
            writer.startList();
            writer.writeInt(1);
            writer.writeInt(2);
            writer.endList();
            // row 1 is left unset: every vector's validity bit is 0 there, a null
            root.setRowCount(2);
            events.onNext(StatementEvent.newBuilder()
                    .setBatch(ResultBatch.newBuilder()
                            .setArrowRecordBatch(ByteString.copyFrom(ArrowMessages.batchMessage(root)))
                            .setRowCount(2))
                    .build());
        }
        events.onNext(StatementEvent.newBuilder()
                .setCompleted(StatementCompleted.newBuilder().setRowCount(2))
                .build());
        events.onCompleted();
    }

    private void streamValue(String value, StreamObserver<StatementEvent> events) {
        Schema schema = new Schema(List.of(new Field("value", FieldType.nullable(new ArrowType.Utf8()), null)));
        events.onNext(StatementEvent.newBuilder()
                .setSchema(ResultSchema.newBuilder()
                        .setArrowSchema(ByteString.copyFrom(ArrowMessages.schemaMessage(schema)))
                        .addColumns(Column.newBuilder()
                                .setName("value")
                                .setType("STRING")
                                .setNullable(true)))
                .build());
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            VarCharVector vector = (VarCharVector) root.getVector(0);
            vector.allocateNew(1);
            if (value == null) {
                vector.setNull(0);
            } else {
                vector.setSafe(0, value.getBytes(StandardCharsets.UTF_8));
            }
            root.setRowCount(1);
            events.onNext(StatementEvent.newBuilder()
                    .setBatch(ResultBatch.newBuilder()
                            .setArrowRecordBatch(ByteString.copyFrom(ArrowMessages.batchMessage(root)))
                            .setRowCount(1))
                    .build());
        }
        events.onNext(StatementEvent.newBuilder()
                .setCompleted(StatementCompleted.newBuilder().setRowCount(1))
                .build());
        events.onCompleted();
    }

    static void failed(
            StreamObserver<StatementEvent> events,
            String condition,
            String sqlState,
            String message,
            boolean wasCanceled) {
        events.onNext(StatementEvent.newBuilder()
                .setFailed(StatementFailed.newBuilder()
                        .setErrorClass(condition)
                        .setSqlState(sqlState)
                        .setMessage(message)
                        .setCanceled(wasCanceled))
                .build());
        events.onCompleted();
    }

    private static String substitute(String sql, List<Parameter> parameters) {
        Matcher matcher = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.stream()
                    .filter(parameter -> parameter.getName().equals(matcher.group(1)))
                    .map(Parameter::getValue)
                    .findFirst()
                    .orElse(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private final class SecretCheck implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            if (!secret.equals(headers.get(SECRET))) {
                call.close(Status.UNAUTHENTICATED.withDescription("wrong secret"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
        }
    }

    private final class Service extends EngineServiceGrpc.EngineServiceImplBase {
        /** False after refusing the call: a standby engine serves nothing until bound. */
        private boolean bound(StreamObserver<?> response) {
            if (isBound()) {
                return true;
            }
            response.onError(Status.FAILED_PRECONDITION
                    .withDescription("engine is not bound yet")
                    .asRuntimeException());
            return false;
        }

        @Override
        public void bindEngine(BindEngineRequest request, StreamObserver<BindEngineResponse> response) {
            if (!standby || !bindRequested.compareAndSet(false, true)) {
                response.onError(Status.FAILED_PRECONDITION
                        .withDescription(
                                standby
                                        ? "engine is bound already (or being bound)"
                                        : "engine was not started as standby; it is bound already")
                        .asRuntimeException());
                return;
            }
            String master = request.getConfOrDefault("spark.master", "local[*]");
            if (!MASTER.matcher(master).matches()) {
                response.onError(Status.INVALID_ARGUMENT
                        .withDescription(
                                "org.apache.spark.SparkException: Could not parse Master URL: '" + master + "'")
                        .asRuntimeException());
                executor.execute(() -> {
                    server.shutdownNow();
                    exit.complete(1);
                });
                return;
            }
            boundProxyUser = request.getProxyUser();
            boundConf = Map.copyOf(request.getConfMap());
            response.onNext(BindEngineResponse.newBuilder()
                    .setSparkVersion("testing")
                    .setApplicationId("testing-" + engineId)
                    .build());
            response.onCompleted();
        }

        @Override
        public void executeStatement(ExecuteStatementRequest request, StreamObserver<StatementEvent> events) {
            if (!bound(events)) {
                return;
            }
            executed.incrementAndGet();
            received.add(request.getStatementId());
            ServerCallStreamObserver<StatementEvent> observer = (ServerCallStreamObserver<StatementEvent>) events;
            CountDownLatch cancel = new CountDownLatch(1);
            running.put(request.getStatementId(), cancel);
            observer.setOnCancelHandler(cancel::countDown);
            executor.execute(() -> run(request, observer, cancel));
        }

        @Override
        public void cancelStatement(CancelStatementRequest request, StreamObserver<CancelStatementResponse> response) {
            if (!bound(response)) {
                return;
            }
            CountDownLatch latch = running.get(request.getStatementId());
            if (latch != null) {
                canceled.add(request.getStatementId());
                latch.countDown();
            }
            response.onNext(CancelStatementResponse.newBuilder()
                    .setWasRunning(latch != null)
                    .build());
            response.onCompleted();
        }

        @Override
        public void openSession(OpenSessionRequest request, StreamObserver<OpenSessionResponse> response) {
            if (!bound(response)) {
                return;
            }
            String refused = request.getConfMap().keySet().stream()
                    .filter(key -> !key.startsWith(SQL_CONF_PREFIX))
                    .sorted()
                    .findFirst()
                    .orElse(null);
            if (request.getSessionId().isEmpty() || refused != null) {
                response.onError(Status.INVALID_ARGUMENT
                        .withDescription(
                                refused == null
                                        ? "session_id is empty"
                                        : "cannot set " + refused + ": [CANNOT_MODIFY_CONFIG] not a SQL conf")
                        .asRuntimeException());
                return;
            }
            if (sessions.putIfAbsent(request.getSessionId(), new ConcurrentHashMap<>(request.getConfMap())) != null) {
                response.onError(Status.INVALID_ARGUMENT
                        .withDescription("session " + request.getSessionId() + " is already open")
                        .asRuntimeException());
                return;
            }
            response.onNext(OpenSessionResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void describeFunction(
                DescribeFunctionRequest request, StreamObserver<DescribeFunctionResponse> response) {
            if (!bound(response)) {
                return;
            }
            Optional<DescribeFunctionResponse> described = jobs.describe(request.getClassName());
            if (described.isEmpty()) {
                response.onError(Status.INVALID_ARGUMENT
                        .withDescription("class " + request.getClassName() + " was not found in the artifact")
                        .asRuntimeException());
                return;
            }
            response.onNext(described.get());
            response.onCompleted();
        }

        @Override
        public void closeSession(CloseSessionRequest request, StreamObserver<CloseSessionResponse> response) {
            if (!bound(response)) {
                return;
            }
            boolean wasOpen = sessions.remove(request.getSessionId()) != null;
            response.onNext(
                    CloseSessionResponse.newBuilder().setWasOpen(wasOpen).build());
            response.onCompleted();
        }

        @Override
        public void listObjects(ListObjectsRequest request, StreamObserver<ListObjectsResponse> response) {
            if (!bound(response)) {
                return;
            }
            response.onNext(ListObjectsResponse.newBuilder()
                    .addAllObjects(jobs.objects())
                    .build());
            response.onCompleted();
        }

        @Override
        public void startStream(StartStreamRequest request, StreamObserver<StartStreamResponse> response) {
            if (!bound(response)) {
                return;
            }
            if (request.getSql().contains("refuse")) {
                response.onError(Status.INVALID_ARGUMENT
                        .withDescription("[PARSE_SYNTAX_ERROR] Syntax error at or near 'refuse'.")
                        .asRuntimeException());
                return;
            }
            FakeStream existing = streams.get(request.getStreamId());
            boolean wasRunning = existing != null && existing.state == StreamStatusResponse.State.ACTIVE;
            if (!wasRunning) {
                streams.put(request.getStreamId(), new FakeStream(request));
            }
            response.onNext(StartStreamResponse.newBuilder()
                    .setQueryId("query-" + request.getStreamId())
                    .setRunId("run-" + request.getStreamId())
                    .setWasRunning(wasRunning)
                    .build());
            response.onCompleted();
        }

        @Override
        public void stopStream(StopStreamRequest request, StreamObserver<StopStreamResponse> response) {
            if (!bound(response)) {
                return;
            }
            FakeStream stream = streams.get(request.getStreamId());
            boolean wasRunning = stream != null && stream.stop();
            response.onNext(
                    StopStreamResponse.newBuilder().setWasRunning(wasRunning).build());
            response.onCompleted();
        }

        @Override
        public void streamStatus(StreamStatusRequest request, StreamObserver<StreamStatusResponse> response) {
            if (!bound(response)) {
                return;
            }
            FakeStream stream = streams.get(request.getStreamId());
            if (stream == null) {
                response.onError(Status.NOT_FOUND
                        .withDescription("no stream " + request.getStreamId() + " on this engine")
                        .asRuntimeException());
                return;
            }
            response.onNext(stream.status(request.getAfterBatchId()));
            response.onCompleted();
        }

        @Override
        public void ping(PingRequest request, StreamObserver<PingResponse> response) {
            if (hung) {
                return; // never answers; the caller's deadline expires
            }
            response.onNext(PingResponse.newBuilder()
                    .setEngineId(engineId)
                    .setRunningStatements(running.size())
                    .build());
            response.onCompleted();
        }

        @Override
        public void shutdown(ShutdownRequest request, StreamObserver<ShutdownResponse> response) {
            response.onNext(ShutdownResponse.getDefaultInstance());
            response.onCompleted();
            executor.execute(TestingEngine.this::close);
        }
    }
    /** A stream's fake query: one micro-batch per status call while active. */
    private static final class FakeStream {
        private final StartStreamRequest request;
        private final java.util.List<StreamBatchProgress> batches = new java.util.ArrayList<>();
        private long lastBatch;
        private StreamStatusResponse.State state = StreamStatusResponse.State.ACTIVE;
        private String error = "";

        FakeStream(StartStreamRequest request) {
            this.request = request;
            this.lastBatch = readCheckpoint();
        }

        private java.nio.file.Path checkpointFile() {
            return java.nio.file.Path.of(request.getCheckpointLocation(), "testing-last-batch");
        }

        private long readCheckpoint() {
            try {
                return Long.parseLong(
                        java.nio.file.Files.readString(checkpointFile()).trim());
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }

        private void writeCheckpoint() {
            try {
                java.nio.file.Files.createDirectories(checkpointFile().getParent());
                java.nio.file.Files.writeString(checkpointFile(), Long.toString(lastBatch));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        synchronized boolean stop() {
            boolean wasActive = state == StreamStatusResponse.State.ACTIVE;
            if (wasActive) {
                state = StreamStatusResponse.State.STOPPED;
            }
            return wasActive;
        }

        synchronized StreamStatusResponse status(long afterBatchId) {
            if (state == StreamStatusResponse.State.ACTIVE) {
                lastBatch++;
                batches.add(StreamBatchProgress.newBuilder()
                        .setBatchId(lastBatch)
                        .setTimestampEpochMillis(System.currentTimeMillis())
                        .setNumInputRows(10)
                        .setInputRowsPerSecond(10)
                        .setProcessedRowsPerSecond(100)
                        .setBatchDurationMillis(100)
                        .setNumOutputRows(10)
                        .build());
                writeCheckpoint();
                if (request.getSql().contains("explode")) {
                    state = StreamStatusResponse.State.FAILED;
                    error = "boom";
                }
            }
            StreamStatusResponse.Builder status =
                    StreamStatusResponse.newBuilder().setState(state).setErrorMessage(error);
            batches.stream().filter(batch -> batch.getBatchId() > afterBatchId).forEach(status::addProgress);
            return status.build();
        }
    }
}
