package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hearth.protocol.v1.AttachStatementRequest;
import io.hearth.protocol.v1.BindEngineRequest;
import io.hearth.protocol.v1.BindEngineResponse;
import io.hearth.protocol.v1.CancelStatementRequest;
import io.hearth.protocol.v1.CancelStatementResponse;
import io.hearth.protocol.v1.CloseSessionRequest;
import io.hearth.protocol.v1.CloseSessionResponse;
import io.hearth.protocol.v1.DescribeFunctionRequest;
import io.hearth.protocol.v1.DescribeFunctionResponse;
import io.hearth.protocol.v1.EngineServiceGrpc;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.ListObjectsRequest;
import io.hearth.protocol.v1.ListObjectsResponse;
import io.hearth.protocol.v1.OpenSessionRequest;
import io.hearth.protocol.v1.OpenSessionResponse;
import io.hearth.protocol.v1.PingRequest;
import io.hearth.protocol.v1.PingResponse;
import io.hearth.protocol.v1.ReleaseStatementRequest;
import io.hearth.protocol.v1.ReleaseStatementResponse;
import io.hearth.protocol.v1.ShutdownRequest;
import io.hearth.protocol.v1.ShutdownResponse;
import io.hearth.protocol.v1.StartStreamRequest;
import io.hearth.protocol.v1.StartStreamResponse;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StopStreamRequest;
import io.hearth.protocol.v1.StopStreamResponse;
import io.hearth.protocol.v1.StreamStatusRequest;
import io.hearth.protocol.v1.StreamStatusResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's side of the protocol; thin: each call goes to the object that does the work. */
final class GrpcEngineService extends EngineServiceGrpc.EngineServiceImplBase {
    private static final Logger log = LoggerFactory.getLogger(GrpcEngineService.class);

    private static final String NOT_BOUND = "engine is not bound yet";

    private final String engineId;
    private final EngineBinding binding;
    private final Runnable onPing;
    private final Runnable onShutdownRequested;

    /**
     * @param onPing tells the orphan watchdog the gateway is alive
     * @param onShutdownRequested runs after the Shutdown answer was sent
     */
    GrpcEngineService(
            String engineId,
            StatementRunner statements,
            SessionRegistry sessions,
            EngineJobs jobs,
            Runnable onPing,
            Runnable onShutdownRequested) {
        this(
                engineId,
                EngineBinding.bound(new BoundEngine(
                        requireNonNull(sessions, "sessions is null"),
                        requireNonNull(jobs, "jobs is null"),
                        requireNonNull(statements, "statements is null"))),
                onPing,
                onShutdownRequested);
    }

    /**
     * @param binding what serves the calls, once bound; until then work is refused with
     *     FAILED_PRECONDITION
     */
    GrpcEngineService(String engineId, EngineBinding binding, Runnable onPing, Runnable onShutdownRequested) {
        this.engineId = requireNonNull(engineId, "engineId is null");
        this.binding = requireNonNull(binding, "binding is null");
        this.onPing = requireNonNull(onPing, "onPing is null");
        this.onShutdownRequested = requireNonNull(onShutdownRequested, "onShutdownRequested is null");
    }

    @Override
    public void executeStatement(ExecuteStatementRequest request, StreamObserver<StatementEvent> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        bound.get().statements().execute(request, (ServerCallStreamObserver<StatementEvent>) responseObserver);
    }

    @Override
    public void attachStatement(AttachStatementRequest request, StreamObserver<StatementEvent> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        bound.get().statements().attach(request.getStatementId(), (ServerCallStreamObserver<StatementEvent>)
                responseObserver);
    }

    @Override
    public void releaseStatement(
            ReleaseStatementRequest request, StreamObserver<ReleaseStatementResponse> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        boolean wasKept = bound.get().statements().release(request.getStatementId());
        responseObserver.onNext(
                ReleaseStatementResponse.newBuilder().setWasKept(wasKept).build());
        responseObserver.onCompleted();
    }

    @Override
    public void cancelStatement(
            CancelStatementRequest request, StreamObserver<CancelStatementResponse> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        boolean wasRunning = bound.get().statements().cancel(request.getStatementId());
        responseObserver.onNext(
                CancelStatementResponse.newBuilder().setWasRunning(wasRunning).build());
        responseObserver.onCompleted();
    }

    @Override
    public void openSession(OpenSessionRequest request, StreamObserver<OpenSessionResponse> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        try {
            bound.get().sessions().open(request.getSessionId(), request.getConfMap());
        } catch (SessionRegistry.InvalidSessionException e) {
            responseObserver.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        log.info("Opened session {} for {}", request.getSessionId(), request.getUser());
        responseObserver.onNext(OpenSessionResponse.getDefaultInstance());
        responseObserver.onCompleted();
    }

    @Override
    public void describeFunction(
            DescribeFunctionRequest request, StreamObserver<DescribeFunctionResponse> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        DescribeFunctionResponse response;
        try {
            response = bound.get().jobs().describe(request);
        } catch (InvalidJobException e) {
            responseObserver.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException | LinkageError e) {
            log.warn("Describing {} failed", request.getClassName(), e);
            responseObserver.onError(Status.INTERNAL
                    .withDescription("the engine could not describe " + request.getClassName() + ": " + e)
                    .asRuntimeException());
            return;
        }
        responseObserver.onNext(response);
        responseObserver.onCompleted();
    }

    @Override
    public void closeSession(CloseSessionRequest request, StreamObserver<CloseSessionResponse> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        boolean wasOpen = bound.get().sessions().close(request.getSessionId());
        if (wasOpen) {
            log.info("Closed session {}", request.getSessionId());
        }
        responseObserver.onNext(
                CloseSessionResponse.newBuilder().setWasOpen(wasOpen).build());
        responseObserver.onCompleted();
    }

    @Override
    public void listObjects(ListObjectsRequest request, StreamObserver<ListObjectsResponse> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        responseObserver.onNext(bound.get().jobs().listObjects());
        responseObserver.onCompleted();
    }

    @Override
    public void ping(PingRequest request, StreamObserver<PingResponse> responseObserver) {
        onPing.run();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        responseObserver.onNext(PingResponse.newBuilder()
                .setEngineId(engineId)
                .setRunningStatements(binding.current()
                        .map(bound -> bound.statements().runningCount())
                        .orElse(0))
                .setHeapUsedBytes(heap.getUsed())
                .setHeapMaxBytes(heap.getMax())
                .build());
        responseObserver.onCompleted();
    }

    @Override
    public void shutdown(ShutdownRequest request, StreamObserver<ShutdownResponse> responseObserver) {
        responseObserver.onNext(ShutdownResponse.getDefaultInstance());
        responseObserver.onCompleted();
        onShutdownRequested.run();
    }

    @Override
    public void bindEngine(BindEngineRequest request, StreamObserver<BindEngineResponse> responseObserver) {
        binding.bind(request, responseObserver);
    }

    @Override
    public void startStream(StartStreamRequest request, StreamObserver<StartStreamResponse> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        StartStreamResponse response;
        try {
            response = bound.get().streams().start(request);
        } catch (EngineStreams.InvalidStreamException e) {
            responseObserver.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            log.warn("Starting stream {} failed", request.getStreamId(), e);
            responseObserver.onError(Status.INTERNAL
                    .withDescription("the engine could not start the stream: " + e)
                    .asRuntimeException());
            return;
        }
        responseObserver.onNext(response);
        responseObserver.onCompleted();
    }

    @Override
    public void stopStream(StopStreamRequest request, StreamObserver<StopStreamResponse> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        boolean wasRunning;
        try {
            wasRunning = bound.get().streams().stop(request.getStreamId());
        } catch (TimeoutException e) {
            responseObserver.onError(Status.DEADLINE_EXCEEDED
                    .withDescription("the stream's query did not stop in time")
                    .asRuntimeException());
            return;
        }
        responseObserver.onNext(
                StopStreamResponse.newBuilder().setWasRunning(wasRunning).build());
        responseObserver.onCompleted();
    }

    @Override
    public void streamStatus(StreamStatusRequest request, StreamObserver<StreamStatusResponse> responseObserver) {
        Optional<BoundEngine> bound = bound(responseObserver);
        if (bound.isEmpty()) {
            return;
        }
        Optional<StreamStatusResponse> status =
                bound.get().streams().status(request.getStreamId(), request.getAfterBatchId());
        if (status.isEmpty()) {
            responseObserver.onError(Status.NOT_FOUND
                    .withDescription("no stream " + request.getStreamId() + " on this engine")
                    .asRuntimeException());
            return;
        }
        responseObserver.onNext(status.get());
        responseObserver.onCompleted();
    }

    /** The bound engine, or empty after refusing the call with FAILED_PRECONDITION. */
    private Optional<BoundEngine> bound(StreamObserver<?> responseObserver) {
        Optional<BoundEngine> bound = binding.current();
        if (bound.isEmpty()) {
            responseObserver.onError(
                    Status.FAILED_PRECONDITION.withDescription(NOT_BOUND).asRuntimeException());
        }
        return bound;
    }
}
