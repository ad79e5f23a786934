package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.hearth.protocol.v1.BindEngineRequest;
import io.hearth.protocol.v1.BindEngineResponse;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the engine serves yet: bound from the start, or a standby engine waiting for its one
 * BindEngine. The bind runs on a thread of its own (building a SparkContext takes seconds, and gRPC
 * calls run on the transport's threads).
 */
final class EngineBinding implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineBinding.class);

    /** Builds the SparkSession for a bind request and wires the engine to it. */
    interface Binder {
        /** @throws Exception Spark's own, when it refuses the conf or cannot start the SparkContext */
        Bound bind(BindEngineRequest request) throws Exception;
    }

    /** A finished bind: what serves now, and what the BindEngine call answers. */
    record Bound(BoundEngine engine, BindEngineResponse response) {
        Bound {
            requireNonNull(engine, "engine is null");
            requireNonNull(response, "response is null");
        }
    }

    private final AtomicReference<BoundEngine> bound = new AtomicReference<>();
    private final AtomicBoolean bindRequested = new AtomicBoolean();
    private final Binder binder;
    private final Runnable onBindFailed;
    private final ExecutorService bindThread;

    private EngineBinding(BoundEngine engine, Binder binder, Runnable onBindFailed) {
        this.bound.set(engine);
        this.binder = binder;
        this.onBindFailed = onBindFailed;
        this.bindThread = binder == null
                ? null
                : Executors.newSingleThreadExecutor(new NamedThreadFactory("hearth-engine-bind", true));
    }

    /** An engine that built its SparkSession at launch: serving now, and refusing BindEngine. */
    static EngineBinding bound(BoundEngine engine) {
        return new EngineBinding(requireNonNull(engine, "engine is null"), null, null);
    }

    /**
     * A standby engine: refuses work until one BindEngine succeeds.
     *
     * @param onBindFailed runs after a failed bind was answered (the engine then stops)
     */
    static EngineBinding standby(Binder binder, Runnable onBindFailed) {
        return new EngineBinding(
                null, requireNonNull(binder, "binder is null"), requireNonNull(onBindFailed, "onBindFailed is null"));
    }

    /** What serves statements, sessions and jobs; empty while a standby engine is not bound. */
    Optional<BoundEngine> current() {
        return Optional.ofNullable(bound.get());
    }

    /** Binds once, answering on the bind thread; a second request is refused with FAILED_PRECONDITION. */
    void bind(BindEngineRequest request, StreamObserver<BindEngineResponse> response) {
        if (binder == null) {
            response.onError(Status.FAILED_PRECONDITION
                    .withDescription("engine was not started as standby; it is bound already")
                    .asRuntimeException());
            return;
        }
        if (!bindRequested.compareAndSet(false, true)) {
            response.onError(Status.FAILED_PRECONDITION
                    .withDescription("engine is bound already (or being bound)")
                    .asRuntimeException());
            return;
        }
        try {
            bindThread.execute(() -> runBind(request, response));
        } catch (RejectedExecutionException e) {
            response.onError(Status.UNAVAILABLE
                    .withDescription("engine is shutting down")
                    .asRuntimeException());
        }
    }

    private void runBind(BindEngineRequest request, StreamObserver<BindEngineResponse> response) {
        long started = System.nanoTime();
        Bound result;
        try {
            result = binder.bind(request);
        } catch (Exception | LinkageError e) {
            String reason = e.getClass().getName() + ": " + e.getMessage();
            log.error("Binding the engine failed; it stops now", e);
            response.onError(Status.INVALID_ARGUMENT.withDescription(reason).asRuntimeException());
            onBindFailed.run();
            return;
        }
        bound.set(result.engine());
        log.info(
                "Engine bound in {} ms: application {}",
                (System.nanoTime() - started) / 1_000_000,
                result.response().getApplicationId());
        response.onNext(result.response());
        response.onCompleted();
    }

    /** Waits a while for a bind in progress, so the engine stops what it built. */
    @Override
    public void close() {
        if (bindThread == null) {
            return;
        }
        bindThread.shutdown();
        try {
            if (!bindThread.awaitTermination(60, TimeUnit.SECONDS)) {
                bindThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            bindThread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
