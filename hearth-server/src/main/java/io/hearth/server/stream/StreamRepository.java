package io.hearth.server.stream;

import io.hearth.api.stream.StreamError;
import io.hearth.api.stream.StreamProgress;
import io.hearth.server.event.EventDraft;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where streams are kept. Every state change is a compare-and-set (false: the stream was not in a
 * state it may change from) and writes its event in the same transaction.
 */
public interface StreamRepository {
    /** Stores a stream just accepted, with its QUEUED event. */
    void insert(Stream stream, EventDraft queued);

    Optional<Stream> find(StreamId id);

    /** Newest first, after a page start; only {@code owner}'s when given. */
    List<Stream> list(Optional<String> owner, Optional<StreamPage> page, int limit);

    /** QUEUED to RUNNING on an engine. */
    boolean markRunning(StreamId id, String engineId, Instant startedAt, EventDraft started);

    /**
     * QUEUED or RUNNING back to QUEUED, to start again from the checkpoint, when its restarts are
     * still {@code expectedRestarts}.
     */
    boolean markQueued(StreamId id, int expectedRestarts, int restarts, EventDraft queued);

    /** QUEUED or RUNNING to STOPPED. */
    boolean markStopped(StreamId id, Instant endedAt, EventDraft stopped);

    /** QUEUED or RUNNING to FAILED. */
    boolean markFailed(StreamId id, StreamError error, Instant endedAt, EventDraft failed);

    /** Keeps the latest micro-batches (not a state change: no event). */
    void saveProgress(StreamId id, List<StreamProgress> progress);

    /** Streams QUEUED or RUNNING, oldest first: what a starting gateway takes back. */
    List<Stream> findUnfinished();
}
