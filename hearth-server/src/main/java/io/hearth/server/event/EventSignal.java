package io.hearth.server.event;

import java.time.Duration;

/**
 * Wakes this JVM's outbox readers (SSE streams, channel dispatchers) when an event was committed
 * here, so they need not wait out their poll interval. Events another gateway stores are still
 * found by polling. A wake-up that finds nothing new is harmless: the reader only looks early.
 */
public final class EventSignal {
    private static final Object LOCK = new Object();
    private static long generation;

    private EventSignal() {}

    /** Called once an event is committed. */
    public static void committed() {
        synchronized (LOCK) {
            generation++;
            LOCK.notifyAll();
        }
    }

    /** The current generation: read it before looking at the outbox, then {@link #await} with it. */
    public static long generation() {
        synchronized (LOCK) {
            return generation;
        }
    }

    /** Waits until an event was committed after {@code seen} was read, or {@code timeout} passed. */
    public static void await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (LOCK) {
            while (generation == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LOCK.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
