package io.hearth.server.batch;

import static java.util.Objects.requireNonNull;

import io.hearth.api.batch.BatchError;
import io.hearth.api.batch.BatchState;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A submitted Spark application and how far it got.
 *
 * @param pid its driver process, once started
 * @param exitCode the process's exit status, once it ended
 * @param error why it failed, when it did
 * @param externalId the client's own id for it, echoed in its events, or null
 * @param callbackUrl where webhooks POST its events, or null
 */
public record Batch(
        BatchId id,
        String owner,
        String artifactId,
        String className,
        List<String> args,
        Map<String, String> conf,
        BatchState state,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Long pid,
        Integer exitCode,
        BatchError error,
        String externalId,
        String callbackUrl) {

    public Batch {
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(artifactId, "artifactId is null");
        requireNonNull(className, "className is null");
        args = List.copyOf(args);
        conf = Collections.unmodifiableMap(new TreeMap<>(conf));
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** A batch just accepted: PENDING, nothing started yet. */
    public static Batch accepted(
            BatchId id,
            String owner,
            String artifactId,
            String className,
            List<String> args,
            Map<String, String> conf,
            Instant createdAt) {
        return new Batch(
                id,
                owner,
                artifactId,
                className,
                args,
                conf,
                BatchState.PENDING,
                createdAt,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The same batch, with the client's external id and callback URL (either may be null). */
    public Batch withEventTarget(String newExternalId, String newCallbackUrl) {
        return new Batch(
                id,
                owner,
                artifactId,
                className,
                args,
                conf,
                state,
                createdAt,
                startedAt,
                finishedAt,
                pid,
                exitCode,
                error,
                newExternalId,
                newCallbackUrl);
    }
}
