package io.hearth.server.event;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How far a reader of the outbox may go without skipping an event for good. Sequence numbers are
 * taken when a transaction inserts its event, but become visible when it commits, so a reader that
 * has seen event 12 may not yet see 11. The horizon is the highest sequence up to which every
 * number is either visible or a gap older than the gap timeout (a rolled-back transaction); a
 * reader hands out events up to the horizon only. Events more than a batch behind the latest one
 * when the reader starts are taken as settled (a transaction is not open that long).
 */
final class SettledHorizon {
    private final EventLog events;
    private final Duration gapTimeout;
    private final int batchSize;
    private final Clock clock;
    private long horizon;

    SettledHorizon(EventLog events, Duration gapTimeout, int batchSize, Clock clock) {
        this.events = requireNonNull(events, "events is null");
        this.gapTimeout = requireNonNull(gapTimeout, "gapTimeout is null");
        this.batchSize = batchSize;
        this.clock = requireNonNull(clock, "clock is null");
        this.horizon = Math.max(0, events.latestSequence() - batchSize);
    }

    /** Moves the horizon over the events now visible; returns it. */
    long advance() {
        while (true) {
            List<OutboxEntry> read = events.after(horizon, EventQuery.all(), batchSize);
            Instant settled = clock.instant().minus(gapTimeout);
            long expected = horizon + 1;
            for (OutboxEntry entry : read) {
                long sequence = entry.event().sequence();
                if (sequence != expected && entry.event().time().isAfter(settled)) {
                    return horizon; // a younger gap: its transaction may still commit
                }
                horizon = sequence;
                expected = sequence + 1;
            }
            if (read.size() < batchSize) {
                return horizon;
            }
        }
    }
}
