package io.hearth.server.flightsql;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;

/**
 * Waits until a DoGet stream's client can take another batch. Arrow's {@code
 * CallbackBackpressureStrategy} trusts one on-ready callback and can miss it (the ready flag may
 * already be false again when the callback runs, apache/arrow-java#346): a 1,000,000-row result
 * sent to the Flight SQL JDBC driver stalled for good with the client waiting for data. Here the
 * callback only wakes the waiter early; readiness is re-checked every few milliseconds.
 */
final class StreamReadiness {
    private static final long RECHECK_MILLIS = 5;

    private final Object lock = new Object();
    private final ServerStreamListener listener;

    StreamReadiness(ServerStreamListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
        listener.setOnReadyHandler(this::wake);
        listener.setOnCancelHandler(this::wake);
    }

    /**
     * Whether the client can take more within {@code timeoutMillis}; false when it cancelled or the
     * time passed first.
     */
    boolean awaitReady(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lock) {
            while (!listener.isReady()) {
                if (listener.isCancelled()) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.min(RECHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            }
        }
        return !listener.isCancelled();
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
