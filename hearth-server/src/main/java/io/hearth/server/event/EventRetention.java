package io.hearth.server.event;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes old events from the outbox now and then ({@code events.retention}). An event goes only
 * when it is older than the retention AND every channel has delivered it, so a broker that was down
 * for longer than the retention still gets everything once it is back.
 */
public final class EventRetention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

    /** Where events are deleted. */
    @FunctionalInterface
    public interface Store {
        /** Deletes events created before {@code cutoff} at or below every channel's cursor; how many. */
        int deleteDeliveredBefore(Instant cutoff);
    }

    private final Store store;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    private EventRetention(Store store, Duration retention, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.retention = requireNonNull(retention, "retention is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hearth-events-retention");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Deletes expired events every {@code interval}, the first time after one interval. */
    public static EventRetention start(Store store, Duration retention, Duration interval, Clock clock) {
        EventRetention task = new EventRetention(store, retention, clock);
        long millis = Math.max(1, interval.toMillis());
        task.scheduler.scheduleWithFixedDelay(task::deleteExpired, millis, millis, TimeUnit.MILLISECONDS);
        return task;
    }

    /** One pass; how many events went. */
    int deleteExpired() {
        try {
            int deleted = store.deleteDeliveredBefore(clock.instant().minus(retention));
            if (deleted > 0) {
                log.debug("Deleted {} events older than {}", deleted, retention);
            }
            return deleted;
        } catch (RuntimeException e) {
            log.warn("Deleting old events failed; will retry: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
