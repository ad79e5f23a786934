package io.hearth.server.stream;

import static java.util.Objects.requireNonNull;

import io.hearth.api.stream.StreamError;
import io.hearth.api.stream.StreamProgress;
import io.hearth.api.stream.StreamState;
import java.time.Instant;
import java.util.List;

/**
 * A stream as the store keeps it.
 *
 * @param engineId the engine it runs (or last ran) on; null before its first start
 * @param restarts restarts from its checkpoint after it lost its engine
 * @param progress its latest micro-batches, oldest first, as last saved
 */
public record Stream(
        StreamId id,
        String owner,
        String name,
        String context,
        StreamSpec spec,
        String externalId,
        String callbackUrl,
        StreamState state,
        String engineId,
        int restarts,
        StreamError error,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        List<StreamProgress> progress) {
    public Stream {
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(context, "context is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
        progress = List.copyOf(progress);
    }

    /** A stream just accepted: QUEUED, never run. */
    static Stream accepted(
            StreamId id,
            String owner,
            String name,
            String context,
            StreamSpec spec,
            String externalId,
            String callbackUrl,
            Instant createdAt) {
        return new Stream(
                id,
                owner,
                name,
                context,
                spec,
                externalId,
                callbackUrl,
                StreamState.QUEUED,
                null,
                0,
                null,
                createdAt,
                null,
                null,
                List.of());
    }
}
