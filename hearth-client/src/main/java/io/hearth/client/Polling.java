package io.hearth.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * How the client waits for work that may outlast the server's wait (statements, jobs; batches
 * alike): the first request asks the gateway to hold it for a {@code wait_timeout} that fits the
 * caller's timeout ({@link #serverWait}), then the client polls at {@code initialInterval} first,
 * doubling up to {@code maxInterval}, never past the caller's deadline.
 */
record Polling(Duration initialInterval, Duration maxInterval) {
    /** The longest the gateway holds a request ({@code wait_timeout} is at most 50s). */
    static final Duration MAX_SERVER_WAIT = Duration.ofSeconds(50);

    private static final int MIN_SERVER_WAIT_SECONDS = 5;
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
     * A {@code wait_timeout} that fits the caller's timeout: {@code 0s} below 5s, else up to 50s;
     * null (the gateway's default) without a timeout.
     */
    static String serverWait(Duration timeout) {
        if (timeout == null) {
            return null;
        }
        long seconds = timeout.toSeconds();
        return seconds < MIN_SERVER_WAIT_SECONDS ? "0s" : Math.min(seconds, MAX_SERVER_WAIT.toSeconds()) + "s";
    }

    /**
     * Sends the {@code first} request (a submission, or a look-up), then asks {@code refresh} for a
     * newer answer until one is {@code finished}, telling {@code listener} every answer. Returns
     * the last answer, which is not finished only when {@code timeout} (null: none), counted from
     * before the first request, passed first.
     */
    <T> T await(
            Supplier<T> first,
            Predicate<T> finished,
            UnaryOperator<T> refresh,
            Consumer<? super T> listener,
            Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        long start = System.nanoTime();
        T answer = first.get();
        listener.accept(answer);
        return poll(
                answer,
                finished,
                previous -> {
                    T next = refresh.apply(previous);
                    listener.accept(next);
                    return next;
                },
                start,
                timeout);
    }

    /**
     * Asks {@code next} for a newer answer until one is {@code finished}; returns the last answer,
     * which is not finished only when {@code timeout} (null: none), counted from {@code startNanos}
     * ({@link System#nanoTime()}), passed first.
     */
    private <T> T poll(T first, Predicate<T> finished, UnaryOperator<T> next, long startNanos, Duration timeout) {
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
