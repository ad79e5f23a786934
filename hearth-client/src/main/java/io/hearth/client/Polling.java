package io.hearth.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * How the client polls work that outlasted the server's wait (statements and batches; jobs
 * alike): at {@code initialInterval} first, doubling up to {@code maxInterval}, never past the
 * caller's deadline.
 */
record Polling(Duration initialInterval, Duration maxInterval) {
    private static final Duration LONGEST = Duration.ofDays(365L * 100);

    static final Polling DEFAULT = new Polling(Duration.ofMillis(100), Duration.ofSeconds(1));

    Polling {
        requireNonNull(initialInterval, "initialInterval is null");
        requireNonNull(maxInterval, "maxInterval is null");
        if (initialInterval.isNegative() || initialInterval.isZero() || maxInterval.compareTo(initialInterval) < 0) {
            throw new IllegalArgumentException("poll intervals must be positive, the maximum at least the initial one");
        }
    }

    /**
     * Asks {@code next} for a newer answer until one is {@code finished}; returns the last answer,
     * which is not finished only when {@code timeout} (null: none), counted from {@code startNanos}
     * ({@link System#nanoTime()}), passed first.
     */
    <T> T poll(T first, Predicate<T> finished, UnaryOperator<T> next, long startNanos, Duration timeout) {
        long limit = timeout == null || timeout.compareTo(LONGEST) > 0 ? Long.MAX_VALUE : timeout.toNanos();
        T last = first;
        long interval = initialInterval.toNanos();
        while (!finished.test(last)) {
            long left = limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit - (System.nanoTime() - startNanos);
            if (left <= 0) {
                return last;
            }
            sleep(Math.min(interval, left));
            interval = Math.min(interval * 2, maxInterval.toNanos());
            last = next.apply(last);
        }
        return last;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException canceled = new CancellationException("interrupted while waiting for work to finish");
            canceled.initCause(e);
            throw canceled;
        }
    }
}
