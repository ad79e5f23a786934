package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.hearth.protocol.v1.StatementEvent;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AttachStatement call: the statement's spool read from the beginning to its last event,
 * waiting for new events while the statement runs and for the gateway while its stream is full.
 * The call breaking stops the replay, never the statement.
 */
final class SpoolReplay {
    private static final Logger log = LoggerFactory.getLogger(SpoolReplay.class);

    private final StatementSpool spool;
    private final ServerCallStreamObserver<StatementEvent> observer;
    private final Object readiness = new Object();
    private boolean cancelled;

    /** Must be created while the gRPC service method runs: it installs the call's handlers. */
    SpoolReplay(StatementSpool spool, ServerCallStreamObserver<StatementEvent> observer) {
        this.spool = requireNonNull(spool, "spool is null");
        this.observer = requireNonNull(observer, "observer is null");
        observer.setOnReadyHandler(this::signal);
        observer.setOnCancelHandler(() -> {
            synchronized (readiness) {
                cancelled = true;
                readiness.notifyAll();
            }
        });
    }

    void run() {
        try (StatementSpool.Reader reader = spool.reader()) {
            while (true) {
                Optional<StatementEvent> event = reader.next();
                if (event.isEmpty()) {
                    break;
                }
                if (!awaitReady()) {
                    return;
                }
                observer.onNext(event.get());
            }
            if (spool.isDeleted() && !spool.isFinished()) {
                observer.onError(Status.NOT_FOUND
                        .withDescription("the events of statement " + spool.statementId() + " were released")
                        .asRuntimeException());
            } else {
                observer.onCompleted();
            }
        } catch (IOException e) {
            log.warn("Could not replay statement {}: {}", spool.statementId(), e.toString());
            observer.onError(Status.DATA_LOSS
                    .withDescription("the engine could not read the events it kept of statement " + spool.statementId()
                            + ": " + e.getMessage())
                    .asRuntimeException());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            observer.onError(
                    Status.UNAVAILABLE.withDescription("the engine is stopping").asRuntimeException());
        }
    }

    private boolean awaitReady() throws InterruptedException {
        synchronized (readiness) {
            while (!cancelled && !observer.isReady()) {
                readiness.wait();
            }
            return !cancelled;
        }
    }

    private void signal() {
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }
}
