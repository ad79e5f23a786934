package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.ServerCallStreamObserver;
import io.hearth.protocol.v1.StatementEvent;

/**
 * Sends a statement's events, waiting while gRPC's outbound buffer is full so a slow gateway
 * slows the producer instead of growing the engine's heap. Used by one producing thread.
 */
final class StatementEventStream {
    private final ServerCallStreamObserver<StatementEvent> observer;
    private final Object readiness = new Object();
    private boolean callCancelled;

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
        observer.onNext(event);
        return true;
    }

    /** Sends the last event and completes the call. */
    void finish(StatementEvent event) throws InterruptedException {
        if (send(event)) {
            observer.onCompleted();
        }
    }

    private void signal() {
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }
}
