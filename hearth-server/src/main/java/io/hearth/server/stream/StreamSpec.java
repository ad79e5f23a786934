package io.hearth.server.stream;

import static java.util.Objects.requireNonNull;

import io.hearth.api.stream.StreamSink;
import io.hearth.api.stream.StreamSource;
import io.hearth.api.stream.StreamTrigger;

/**
 * What a stream runs, checked and with its defaults filled in (see {@code StreamRequests}); stored
 * as one JSON column, so a restart starts the very same query.
 *
 * @param queryName the Spark query's name (a memory sink's view), or null for none
 * @param processingTimeMillis the trigger's interval; 0 runs micro-batches one after the other
 * @param checkpoint the checkpoint folder, absolute
 */
public record StreamSpec(
        StreamSource source,
        String statement,
        StreamSink sink,
        StreamTrigger trigger,
        String queryName,
        long processingTimeMillis,
        boolean availableNow,
        String checkpoint) {
    public StreamSpec {
        requireNonNull(source, "source is null");
        requireNonNull(statement, "statement is null");
        requireNonNull(sink, "sink is null");
        requireNonNull(trigger, "trigger is null");
        requireNonNull(checkpoint, "checkpoint is null");
    }
}
