package io.hearth.server.event;

import java.util.List;

/** Reads stored events back in sequence order: SSE streams and channel dispatchers read here. */
public interface EventLog {
    /** Up to {@code limit} events with a sequence above {@code after} that match, in sequence order. */
    List<OutboxEntry> after(long after, EventQuery query, int limit);

    /** The highest sequence stored so far, 0 when there is none. */
    long latestSequence();
}
