package io.hearth.server.event;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to each {@link EventChannel}, one thread per channel: reads the
 * events after the channel's cursor in sequence order, publishes them a batch at a time, and moves
 * the cursor only after the channel returned. A channel that fails (its broker is down) is retried
 * with exponential backoff from the same event, so nothing is lost and order is kept.
 *
 * <p>Sequence numbers may have gaps: a transaction that rolled back, or one that has taken its
 * number but not yet committed. A batch stops before a gap until the gap is {@link
 * DispatchConfig#gapTimeout()} old, then the dispatcher goes past it (a transaction open that long
 * rolled back). A channel seen for the first time starts at the latest event: it does not replay
 * history.
 */
public final class EventDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final EventLog events;
    private final EventCursors cursors;
    private final DispatchConfig config;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private final List<EventChannel> channels;
    private volatile boolean closed;

    public EventDispatcher(
            EventLog eventLog, EventCursors cursors, List<EventChannel> channels, DispatchConfig config, Clock clock) {
        this.events = requireNonNull(eventLog, "eventLog is null");
        this.cursors = requireNonNull(cursors, "cursors is null");
        this.channels = List.copyOf(channels);
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Starts one publishing thread per channel. */
    public EventDispatcher start() {
        for (EventChannel channel : channels) {
            cursors.createIfAbsent(channel.name(), events.latestSequence());
            Thread thread = new Thread(() -> run(channel), "hearth-events-" + channel.name());
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return this;
    }

    private void run(EventChannel channel) {
        Duration backoff = config.retryInitial();
        boolean failing = false;
        while (!closed) {
            try {
                long signal = EventSignal.generation();
                int published = publishNext(channel);
                if (failing) {
                    log.info("Event channel {} publishes again", channel.name());
                    failing = false;
                }
                backoff = config.retryInitial();
                if (published == 0) {
                    // woken early when this gateway stores an event; another gateway's are found by polling
                    EventSignal.await(signal, config.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    log.warn(
                            "Event channel {} cannot publish; its events wait in the outbox and are retried: {}",
                            channel.name(),
                            e.toString());
                    failing = true;
                } else {
                    log.debug("Event channel {} still cannot publish", channel.name(), e);
                }
                try {
                    sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = min(backoff.multipliedBy(2), config.retryMax());
            }
        }
    }

    /** Publishes the next batch; how many events it published (0: nothing new yet). */
    int publishNext(EventChannel channel) throws Exception {
        OptionalLong stored = cursors.find(channel.name());
        long cursor = stored.orElse(0L);
        List<OutboxEntry> read = events.after(cursor, EventQuery.all(), config.batchSize());
        List<OutboxEntry> batch = contiguous(cursor, read);
        if (batch.isEmpty()) {
            return 0;
        }
        channel.publish(batch);
        long next = batch.get(batch.size() - 1).event().sequence();
        if (!cursors.advance(channel.name(), cursor, next)) {
            log.debug("Another gateway moved the cursor of {} first; its events may go out twice", channel.name());
        }
        return batch.size();
    }

    /** The events up to the first gap younger than the gap timeout. */
    private List<OutboxEntry> contiguous(long cursor, List<OutboxEntry> read) {
        List<OutboxEntry> batch = new ArrayList<>();
        long expected = cursor + 1;
        Instant settled = clock.instant().minus(config.gapTimeout());
        for (OutboxEntry entry : read) {
            long sequence = entry.event().sequence();
            if (sequence != expected && entry.event().time().isAfter(settled)) {
                break;
            }
            batch.add(entry);
            expected = sequence + 1;
        }
        return batch;
    }

    private void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (EventChannel channel : channels) {
            try {
                channel.close();
            } catch (RuntimeException e) {
                log.warn("Closing event channel {} failed", channel.name(), e);
            }
        }
    }

    /**
     * How the dispatcher works ({@code events.*}).
     *
     * @param pollInterval how often a channel with nothing to publish looks for new events
     * @param batchSize the most events handed to a channel at once
     * @param retryInitial the first wait after a channel failed, doubled up to {@code retryMax}
     * @param gapTimeout how long a gap in the sequence is waited for before it is skipped
     */
    public record DispatchConfig(
            Duration pollInterval, int batchSize, Duration retryInitial, Duration retryMax, Duration gapTimeout) {
        public static final DispatchConfig DEFAULT = new DispatchConfig(
                Duration.ofMillis(200), 500, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10));

        public DispatchConfig {
            requireNonNull(pollInterval, "pollInterval is null");
            requireNonNull(retryInitial, "retryInitial is null");
            requireNonNull(retryMax, "retryMax is null");
            requireNonNull(gapTimeout, "gapTimeout is null");
            if (batchSize < 1) {
                throw new IllegalArgumentException("events.batch-size must be at least 1");
            }
            if (pollInterval.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("events.poll-interval must be at least 1ms");
            }
            if (retryInitial.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("events.retry-initial must be at least 1ms");
            }
            if (retryMax.compareTo(retryInitial) < 0) {
                throw new IllegalArgumentException("events.retry-max must not be shorter than events.retry-initial");
            }
            if (gapTimeout.isNegative()) {
                throw new IllegalArgumentException("events.gap-timeout must not be negative");
            }
        }
    }
}
