package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.ServerCallStreamObserver;
import io.hearth.protocol.v1.StatementEvent;

/**
 * Sends a statement's events. The statement's thread sends with {@link #send}, waiting while gRPC's
 * outbound buffer is full so a slow gateway slows the producer instead of growing the engine's
 * heap. Other threads (Spark's listener bus reporting progress) use {@link #trySend}, which never
 * waits: a stream that cannot take an event now drops it. gRPC observers are not thread-safe, so
 * every write to the observer happens under one lock, held only for the write itself.
 */
final class StatementEventStream {
    private final ServerCallStreamObserver<StatementEvent> observer;
    private final Object readiness = new Object();
    private final Object writes = new Object();
    private boolean callCancelled;
    private boolean completed;

    /** Must be created while the gRPC service method runs: it installs the call's handlers. */
    StatementEventStream(ServerCallStreamObserver<StatementEvent> observer, Runnable onCallCancelled) {
        this.observer = requireNonNull(observer, "observer is null");
        requireNonNull(onCallCancelled, "onCallCancelled is null");
        observer.setOnReadyHandler(this::signal);
        observer.setOnCancelHandler(() -> {
            synchronized (readiness) {
                callCancelled = true;
                readiness.notifyAll();
            }
            onCallCancelled.run();
        });
    }

    /** Sends one event; false when the gateway cancelled the call (nothing more can be sent). */
    boolean send(StatementEvent event) throws InterruptedException {
        synchronized (readiness) {
            while (!callCancelled && !observer.isReady()) {
                readiness.wait();
            }
            if (callCancelled) {
                return false;
            }
        }
        return write(event, false);
    }

    /**
     * Sends one event only if the stream can take it now; false when it was dropped (the stream is
     * full, cancelled or complete). Never waits for the gateway.
     */
    boolean trySend(StatementEvent event) {
        synchronized (readiness) {
            if (callCancelled || !observer.isReady()) {
                return false;
            }
        }
        return write(event, false);
    }

    /** Sends the last event and completes the call. */
    void finish(StatementEvent event) throws InterruptedException {
        synchronized (readiness) {
            while (!callCancelled && !observer.isReady()) {
                readiness.wait();
            }
            if (callCancelled) {
                return;
            }
        }
        write(event, true);
    }

    private boolean write(StatementEvent event, boolean last) {
        synchronized (writes) {
            if (completed) {
                return false;
            }
            observer.onNext(event);
            if (last) {
                completed = true;
                observer.onCompleted();
            }
            return true;
        }
    }

    private void signal() {
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }
}
