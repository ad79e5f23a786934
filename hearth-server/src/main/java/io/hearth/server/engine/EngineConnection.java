package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.hearth.protocol.v1.AttachStatementRequest;
import io.hearth.protocol.v1.BindEngineRequest;
import io.hearth.protocol.v1.BindEngineResponse;
import io.hearth.protocol.v1.CancelStatementRequest;
import io.hearth.protocol.v1.CloseSessionRequest;
import io.hearth.protocol.v1.DescribeFunctionRequest;
import io.hearth.protocol.v1.DescribeFunctionResponse;
import io.hearth.protocol.v1.EngineServiceGrpc;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.ListObjectsRequest;
import io.hearth.protocol.v1.ListObjectsResponse;
import io.hearth.protocol.v1.OpenSessionRequest;
import io.hearth.protocol.v1.PingRequest;
import io.hearth.protocol.v1.PingResponse;
import io.hearth.protocol.v1.ReleaseStatementRequest;
import io.hearth.protocol.v1.ReleaseStatementResponse;
import io.hearth.protocol.v1.ShutdownRequest;
import io.hearth.protocol.v1.StartStreamRequest;
import io.hearth.protocol.v1.StartStreamResponse;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StopStreamRequest;
import io.hearth.protocol.v1.StreamStatusRequest;
import io.hearth.protocol.v1.StreamStatusResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A gRPC connection to one registered engine; every call carries the engine's secret. Closing it
 * (when the engine is lost or stopped) fails the calls in flight, so their statements end.
 */
public final class EngineConnection implements AutoCloseable {
    private final String engineId;
    private final ManagedChannel channel;
    private final EngineServiceGrpc.EngineServiceBlockingStub blocking;
    private final EngineServiceGrpc.EngineServiceStub async;
    private final CompletableFuture<String> lost = new CompletableFuture<>();
    private volatile boolean detached;

    EngineConnection(String engineId, String host, int port, String secret) {
        this.engineId = requireNonNull(engineId, "engineId is null");
        this.channel = NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                .maxInboundMessageSize(256 * 1024 * 1024)
                .intercept(new SecretInterceptor(secret))
                .build();
        this.blocking = EngineServiceGrpc.newBlockingStub(channel);
        this.async = EngineServiceGrpc.newStub(channel);
    }

    public String engineId() {
        return engineId;
    }

    /**
     * Runs a statement; the iterator blocks for each event, which gives the engine back-pressure.
     */
    public Iterator<StatementEvent> execute(ExecuteStatementRequest request) {
        return blocking.executeStatement(request);
    }

    /**
     * Re-attaches to a statement the engine ran for a previous gateway: its events from the
     * beginning, then the live ones, as {@link #execute} gives them.
     */
    public Iterator<StatementEvent> attach(String statementId) {
        return blocking.attachStatement(
                AttachStatementRequest.newBuilder().setStatementId(statementId).build());
    }

    /**
     * Tells the engine the statement's outcome is stored, so it deletes the events it kept; does
     * not wait (the engine deletes unreleased events after a while anyway).
     */
    public void release(String statementId) {
        async.withDeadlineAfter(10, TimeUnit.SECONDS)
                .releaseStatement(
                        ReleaseStatementRequest.newBuilder()
                                .setStatementId(statementId)
                                .build(),
                        new StreamObserver<ReleaseStatementResponse>() {
                            @Override
                            public void onNext(ReleaseStatementResponse response) {}

                            @Override
                            public void onError(Throwable error) {}

                            @Override
                            public void onCompleted() {}
                        });
    }

    /**
     * True once the gateway let go of the engine without ending it (it stops, the engine keeps
     * running for the next gateway): calls that broke then broke because of that, and their work
     * goes on on the engine.
     */
    public boolean isDetached() {
        return detached;
    }

    /** A bound engine's Spark application, as {@link #bind} answers it. */
    public record BoundEngine(String sparkVersion, String sparkUiUrl, String applicationId) {
        public BoundEngine {
            requireNonNull(sparkVersion, "sparkVersion is null");
            requireNonNull(sparkUiUrl, "sparkUiUrl is null");
            requireNonNull(applicationId, "applicationId is null");
        }
    }

    /**
     * Binds a standby engine (one launched with {@link EngineLaunch#standby}): it builds its
     * SparkContext with {@code conf} over its launch conf, as {@code proxyUser} when given (and not
     * the engine's own user), runs its warm-up and then serves. Only once per engine. Driver memory,
     * JVM options and the driver's extra class path stay those of the launch.
     *
     * @param timeout how long building the SparkContext may take (seconds, like a start-up)
     * @throws io.grpc.StatusRuntimeException FAILED_PRECONDITION when the engine is not standby or
     *     is bound already; INVALID_ARGUMENT with Spark's message when Spark refuses the conf (the
     *     engine then exits with status 1); another status when the engine does not answer
     */
    public BoundEngine bind(Map<String, String> conf, Optional<String> proxyUser, Duration timeout) {
        BindEngineRequest.Builder request = BindEngineRequest.newBuilder().putAllConf(conf);
        proxyUser.ifPresent(request::setProxyUser);
        BindEngineResponse response = blocking.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .bindEngine(request.build());
        return new BoundEngine(response.getSparkVersion(), response.getSparkUiUrl(), response.getApplicationId());
    }

    /** Cancels a statement on the engine; false when the engine was not (yet) running it. */
    public boolean cancel(String statementId) {
        return blocking.withDeadlineAfter(10, TimeUnit.SECONDS)
                .cancelStatement(CancelStatementRequest.newBuilder()
                        .setStatementId(statementId)
                        .build())
                .getWasRunning();
    }

    /**
     * Opens a session on the engine: a SparkSession of its own with this SQL conf.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT with Spark's reason when the conf is
     *     refused, or another status when the engine does not answer
     */
    public void openSession(String sessionId, String user, Map<String, String> conf, Duration timeout) {
        blocking.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .openSession(OpenSessionRequest.newBuilder()
                        .setSessionId(sessionId)
                        .setUser(user)
                        .putAllConf(conf)
                        .build());
    }

    /** Closes a session on the engine; false when the engine did not have it open. */
    public boolean closeSession(String sessionId, Duration timeout) {
        return blocking.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .closeSession(
                        CloseSessionRequest.newBuilder().setSessionId(sessionId).build())
                .getWasOpen();
    }

    /**
     * Asks the engine to load and check a job class and derive its parameters' schema.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT with the reason when the class is not
     *     a usable job
     */
    public DescribeFunctionResponse describeFunction(DescribeFunctionRequest request) {
        return blocking.withDeadlineAfter(60, TimeUnit.SECONDS).describeFunction(request);
    }

    /**
     * Starts a Structured Streaming query on the engine.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT with Spark's reason when Spark refuses
     *     the query, or another status when the engine does not answer
     */
    public StartStreamResponse startStream(StartStreamRequest request, Duration timeout) {
        return blocking.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .startStream(request);
    }

    /** Stops a stream's query and waits for it to end; false when the engine was not running it. */
    public boolean stopStream(String streamId, Duration timeout) {
        return blocking.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .stopStream(StopStreamRequest.newBuilder().setStreamId(streamId).build())
                .getWasRunning();
    }

    /**
     * A stream's state and its progress after a batch id.
     *
     * @throws io.grpc.StatusRuntimeException NOT_FOUND when the engine has no such stream
     */
    public StreamStatusResponse streamStatus(String streamId, long afterBatchId, Duration timeout) {
        return blocking.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .streamStatus(StreamStatusRequest.newBuilder()
                        .setStreamId(streamId)
                        .setAfterBatchId(afterBatchId)
                        .build());
    }

    /** The named objects jobs kept on the engine. */
    ListObjectsResponse listObjects() {
        return blocking.withDeadlineAfter(10, TimeUnit.SECONDS).listObjects(ListObjectsRequest.getDefaultInstance());
    }

    PingResponse ping(Duration timeout) {
        return blocking.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .ping(PingRequest.getDefaultInstance());
    }

    void shutdownEngine(Duration timeout) {
        blocking.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .shutdown(ShutdownRequest.getDefaultInstance());
    }

    /** Why the engine was lost or stopped, once it was; calls that failed then failed because of it. */
    public Optional<String> lostReason() {
        return Optional.ofNullable(lost.getNow(null));
    }

    /**
     * Waits a little for the engine's supervisor to say why a call broke: a call can fail a moment
     * before the process's exit (or its missed heartbeats) is noticed, and the reason the supervisor
     * gives ("exited with code 137") tells the user more than the broken call does.
     */
    public Optional<String> awaitLostReason(Duration patience) throws InterruptedException {
        try {
            return Optional.of(lost.get(patience.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets go of the engine without ending it; see {@link #isDetached}. */
    void detach() {
        detached = true;
        close();
    }

    void markLost(String reason) {
        lost.complete(reason);
        close();
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    private static final class SecretInterceptor implements ClientInterceptor {
        private final String secret;

        SecretInterceptor(String secret) {
            this.secret = requireNonNull(secret, "secret is null");
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    headers.put(EngineSecrets.HEADER, secret);
                    super.start(listener, headers);
                }
            };
        }
    }
}
