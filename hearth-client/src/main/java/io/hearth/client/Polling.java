package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.statement.StatementResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.UnaryOperator;

/**
 * How the client polls work that outlasted the server's wait: at {@code initialInterval} first,
 * doubling up to {@code maxInterval}, never past the caller's deadline.
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
     * Polls until the statement is terminal; returns the last answer, which is not terminal only
     * when {@code timeout} (null: none), counted from {@code startNanos} ({@link System#nanoTime()}),
     * passed first.
     */
    StatementResponse poll(
            StatementResponse first, UnaryOperator<StatementResponse> next, long startNanos, Duration timeout) {
        long limit = timeout == null || timeout.compareTo(LONGEST) > 0 ? Long.MAX_VALUE : timeout.toNanos();
        StatementResponse last = first;
        long interval = initialInterval.toNanos();
        while (!last.status().state().isTerminal()) {
            long left = limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit - (System.nanoTime() - startNanos);
            if (left <= 0) {
                return last;
            }
            sleep(Math.min(interval, left), last);
            interval = Math.min(interval * 2, maxInterval.toNanos());
            last = next.apply(last);
        }
        return last;
    }

    private static void sleep(long nanos, StatementResponse waitingFor) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException canceled =
                    new CancellationException("interrupted while waiting for statement " + waitingFor.statementId());
            canceled.initCause(e);
            throw canceled;
        }
    }
}
