package io.hearth.api.stream;

import java.time.Instant;
import java.util.List;

/**
 * A stream as {@code GET /v1/streams/{id}} shows it.
 *
 * @param streamId its id
 * @param name its name (also the Spark query's name)
 * @param owner the user who started it
 * @param state where it is in its life
 * @param context the context whose engine runs it
 * @param engineId the engine it runs (or last ran) on
 * @param source what it reads
 * @param statement its SQL over {@code input}
 * @param sink where it writes
 * @param trigger when its micro-batches run
 * @param checkpoint its checkpoint folder
 * @param externalId the client's own id, when given
 * @param restarts how many times it was restarted from its checkpoint after losing its engine
 * @param error why it failed, when it did
 * @param createdAt when it was accepted
 * @param startedAt when its query (last) started
 * @param endedAt when it reached a final state
 * @param progress its latest micro-batch, once one ran
 * @param recentProgress its latest micro-batches, oldest first
 */
public record StreamInfo(
        String streamId,
        String name,
        String owner,
        StreamState state,
        String context,
        String engineId,
        StreamSource source,
        String statement,
        StreamSink sink,
        StreamTrigger trigger,
        String checkpoint,
        String externalId,
        int restarts,
        StreamError error,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        StreamProgress progress,
        List<StreamProgress> recentProgress) {
    public StreamInfo {
        recentProgress = List.copyOf(recentProgress);
    }
}
