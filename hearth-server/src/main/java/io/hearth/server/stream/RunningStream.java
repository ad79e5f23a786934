package io.hearth.server.stream;

import static java.util.Objects.requireNonNull;

import io.hearth.api.stream.StreamProgress;
import io.hearth.server.engine.EngineLease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A stream this gateway supervises on an engine: its lease, and the micro-batches seen so far. */
final class RunningStream {
    private final Stream stream;
    private final EngineLease lease;
    private final int history;
    private final Deque<StreamProgress> recent = new ArrayDeque<>();
    private long lastBatchId = -1;
    private Instant lastProgressEvent;

    RunningStream(Stream stream, EngineLease lease, int history, Instant now) {
        this.stream = requireNonNull(stream, "stream is null");
        this.lease = requireNonNull(lease, "lease is null");
        this.history = history;
        // the batches seen before a restart stay shown; batch ids go on from the checkpoint
        for (StreamProgress progress : stream.progress()) {
            keep(progress);
        }
        this.lastProgressEvent = now.minusSeconds(3600);
    }

    StreamId id() {
        return stream.id();
    }

    Stream stream() {
        return stream;
    }

    EngineLease lease() {
        return lease;
    }

    String engineId() {
        return lease.engineId();
    }

    synchronized long lastBatchId() {
        return lastBatchId;
    }

    /** Keeps the batches not seen yet; returns them. */
    synchronized List<StreamProgress> record(List<StreamProgress> progress) {
        List<StreamProgress> fresh = new ArrayList<>();
        for (StreamProgress entry : progress) {
            if (entry.batchId() > lastBatchId) {
                keep(entry);
                fresh.add(entry);
            }
        }
        return fresh;
    }

    /** Whether a PROGRESS event is due (at most one per {@code interval}); if so, counts it as sent. */
    synchronized boolean progressDue(Instant now, Duration interval) {
        if (Duration.between(lastProgressEvent, now).compareTo(interval) < 0) {
            return false;
        }
        lastProgressEvent = now;
        return true;
    }

    synchronized List<StreamProgress> recent() {
        return List.copyOf(recent);
    }

    private void keep(StreamProgress progress) {
        recent.addLast(progress);
        while (recent.size() > history) {
            recent.removeFirst();
        }
        lastBatchId = Math.max(lastBatchId, progress.batchId());
    }
}
