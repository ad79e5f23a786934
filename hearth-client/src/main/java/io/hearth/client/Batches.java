package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.batch.BatchInfo;
import io.hearth.api.batch.BatchList;
import io.hearth.api.batch.BatchRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Batches: whole Spark applications (their own {@code main}) from an uploaded jar, each run to its
 * end in a process of its own. Obtained from {@link HearthClient#batches()}; thread-safe.
 *
 * <pre>{@code
 * BatchInfo batch = client.batches().submit(
 *         new BatchRequest(artifactId, "com.example.WordCount", List.of("in.txt"), Map.of("spark.driver.memory", "1g")));
 * BatchInfo done = client.batches().await(batch.batchId(), Duration.ofHours(1));
 * if (done.state() != BatchState.SUCCEEDED) {
 *     System.err.println(done.error().message() + "\n" + client.batches().log(done.batchId(), 50));
 * }
 * }</pre>
 *
 * <p>A batch that failed is not an exception: {@link #await} returns it, FAILED with its {@link
 * BatchInfo#error()}, as the REST API does.
 */
public final class Batches {
    /**
     * How long the gateway may hold a kill: it answers once the process ended, which takes up to
     * its {@code batch.kill-grace-period} (10 seconds by default) after SIGTERM.
     */
    private static final Duration KILL_WAIT = Duration.ofMinutes(2);

    private final RestTransport transport;
    private final Polling polling;

    Batches(RestTransport transport, Polling polling) {
        this.transport = requireNonNull(transport, "transport is null");
        this.polling = requireNonNull(polling, "polling is null");
    }

    /**
     * Submits a batch and returns it as stored, PENDING (or already further along). A bad field is a
     * {@link HearthClientException} naming it in {@code field()}; an artifact that does not exist
     * or is not the caller's names {@code artifact_id}.
     */
    public BatchInfo submit(BatchRequest request) {
        requireNonNull(request, "request is null");
        return transport.send("POST", "/v1/batches", request, BatchInfo.class);
    }

    /** The batch as it is now; a {@link HearthClientException} with {@code NOT_FOUND} if there is none. */
    public BatchInfo find(String batchId) {
        return transport.send("GET", path(batchId), null, BatchInfo.class);
    }

    /**
     * The caller's newest batches (the first page).
     *
     * @param limit at most this many (1 to 1000)
     */
    public List<BatchInfo> list(int limit) {
        return list(limit, null).batches();
    }

    /**
     * A page of the caller's batches, newest first.
     *
     * @param limit at most this many (1 to 1000)
     * @param pageToken {@link BatchList#nextPageToken()} of the previous page, or null for the first
     */
    public BatchList list(int limit, String pageToken) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", limit);
        query.put("page_token", pageToken);
        return transport.send("GET", RestTransport.withQuery("/v1/batches", query), null, BatchList.class);
    }

    /** The last {@code lines} lines (1 to 10000) of the batch's output, stdout and stderr together. */
    public String log(String batchId, int lines) {
        return transport.text(RestTransport.withQuery(path(batchId) + "/log", Map.of("lines", lines)));
    }

    /**
     * Kills a batch and returns it once it ended (KILLED): a PENDING batch never starts, a RUNNING
     * one's process is stopped. A batch that had already ended is returned unchanged.
     */
    public BatchInfo kill(String batchId) {
        return transport.send("DELETE", path(batchId), null, KILL_WAIT, BatchInfo.class);
    }

    /**
     * Waits until a batch has ended (SUCCEEDED, FAILED or KILLED), polling with backoff.
     *
     * @param timeout how long to wait, or null for no limit
     * @throws BatchTimeoutException when the timeout passes first; the batch keeps running
     */
    public BatchInfo await(String batchId, Duration timeout) {
        return await(batchId, timeout, ignored -> {});
    }

    /**
     * As {@link #await(String, Duration)}, telling {@code listener} every answer (the first look,
     * then each poll's), for progress displays.
     */
    public BatchInfo await(String batchId, Duration timeout, Consumer<BatchInfo> listener) {
        requireNonNull(listener, "listener is null");
        BatchInfo last = polling.await(
                () -> find(batchId),
                batch -> batch.state().isTerminal(),
                previous -> find(previous.batchId()),
                listener,
                timeout);
        if (!last.state().isTerminal()) {
            throw new BatchTimeoutException(last, timeout);
        }
        return last;
    }

    private static String path(String batchId) {
        return "/v1/batches/" + RestTransport.segment(batchId);
    }
}
