package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.ServerCallStreamObserver;
import io.hearth.protocol.v1.StatementEvent;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a statement's events. The statement's thread sends with {@link #send}, waiting while gRPC's
 * outbound buffer is full so a slow gateway slows the producer instead of growing the engine's
 * heap. Other threads (Spark's listener bus reporting progress) use {@link #trySend}, which never
 * waits: a stream that cannot take an event now drops it. gRPC observers are not thread-safe, so
 * every write to the observer happens under one lock, held only for the write itself.
 *
 * <p>With a spool, every event sent is also kept in it, and a call that breaks (the gateway went
 * away: it restarted) does not stop the statement: it runs on, its events going to the spool only,
 * for a gateway to re-attach to (AttachStatement). Only CancelStatement stops it then. Without a
 * spool (it could not be created), a broken call stops the statement as nothing could resume it.
 */
final class StatementEventStream {
    private static final Logger log = LoggerFactory.getLogger(StatementEventStream.class);

    private final ServerCallStreamObserver<StatementEvent> observer;
    private final Clock clock;
    private final Object readiness = new Object();
    private final Object writes = new Object();
    private volatile StatementSpool spool;
    private final Runnable onCallCancelledWithoutSpool;
    private boolean callCancelled;
    private boolean completed;

    /**
     * Must be created while the gRPC service method runs: it installs the call's handlers.
     *
     * @param onCallCancelledWithoutSpool stops the statement when the call breaks and there is no
     *     spool to keep its events for a re-attach
     */
    StatementEventStream(
            ServerCallStreamObserver<StatementEvent> observer,
            Optional<StatementSpool> spool,
            Clock clock,
            Runnable onCallCancelledWithoutSpool) {
        this.observer = requireNonNull(observer, "observer is null");
        this.spool = requireNonNull(spool, "spool is null").orElse(null);
        this.clock = requireNonNull(clock, "clock is null");
        this.onCallCancelledWithoutSpool =
                requireNonNull(onCallCancelledWithoutSpool, "onCallCancelledWithoutSpool is null");
        observer.setOnReadyHandler(this::signal);
        observer.setOnCancelHandler(() -> {
            synchronized (readiness) {
                callCancelled = true;
                readiness.notifyAll();
            }
            if (this.spool == null) {
                onCallCancelledWithoutSpool.run();
            }
        });
    }

    /**
     * Sends one event; false when the gateway cancelled the call and nothing keeps the events (the
     * statement should stop). With a spool, true while the statement should go on.
     */
    boolean send(StatementEvent event) throws InterruptedException {
        keep(event, false);
        synchronized (readiness) {
            while (!callCancelled && !observer.isReady()) {
                readiness.wait();
            }
            if (callCancelled) {
                return spool != null;
            }
        }
        return write(event, false) || spool != null;
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
        keep(event, true);
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

    /** Keeps an event in the spool; a spool that fails (disk full) is dropped, the call goes on. */
    private void keep(StatementEvent event, boolean last) {
        StatementSpool kept = spool;
        if (kept == null) {
            return;
        }
        try {
            kept.append(event);
            if (last) {
                kept.finish(clock.instant());
            }
        } catch (UncheckedIOException e) {
            log.warn("{}; a gateway restart will not find its result", e.getMessage());
            spool = null;
            boolean broken;
            synchronized (readiness) {
                broken = callCancelled;
            }
            if (broken) {
                onCallCancelledWithoutSpool.run();
            }
        }
    }

    private void signal() {
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }
}
