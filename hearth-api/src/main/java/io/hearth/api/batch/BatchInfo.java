package io.hearth.api.batch;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch as {@code GET /v1/batches/{id}} shows it.
 *
 * @param batchId its id
 * @param owner the user who submitted it
 * @param state where it is in its life
 * @param artifactId the artifact its application came from
 * @param className the class whose {@code main} runs
 * @param args the arguments of {@code main}
 * @param conf the Spark configuration it was submitted with
 * @param pid the process id of its driver JVM, once started
 * @param exitCode the process's exit status, once it ended
 * @param error why it failed, when it did
 * @param createdAt when it was accepted
 * @param startedAt when its process started
 * @param finishedAt when it reached a final state
 * @param externalId the client's own id for it, echoed in its events, or null
 * @param callbackUrl where its events are POSTed (webhooks), or null
 */
public record BatchInfo(
        String batchId,
        String owner,
        BatchState state,
        String artifactId,
        String className,
        List<String> args,
        Map<String, String> conf,
        Long pid,
        Integer exitCode,
        BatchError error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String externalId,
        String callbackUrl) {
    public BatchInfo {
        args = List.copyOf(args);
        // sorted, so the JSON lists keys in a stable order
        conf = Collections.unmodifiableMap(new TreeMap<>(conf));
    }

    /** A batch without event settings. */
    public BatchInfo(
            String batchId,
            String owner,
            BatchState state,
            String artifactId,
            String className,
            List<String> args,
            Map<String, String> conf,
            Long pid,
            Integer exitCode,
            BatchError error,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt) {
        this(
                batchId,
                owner,
                state,
                artifactId,
                className,
                args,
                conf,
                pid,
                exitCode,
                error,
                createdAt,
                startedAt,
                finishedAt,
                null,
                null);
    }
}
