package io.hearth.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.job.JobList;
import io.hearth.api.job.JobRequest;
import io.hearth.api.job.JobResponse;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Jobs, the runs of {@link Functions}: run (waiting as statements do), poll, list, cancel, read
 * the log, and read the result: a value as JSON or as a type of the caller's, a Dataset as typed
 * rows, raw chunk streams or Arrow ({@link #result}). Obtained from {@link HearthClient#jobs()};
 * thread-safe.
 *
 * <pre>{@code
 * JobResponse job = client.jobs().run("word-count", Map.of("text", "to be or not to be", "min_count", 1));
 * try (ResultRows rows = client.jobs().rows(job)) {
 *     rows.forEachRemaining(row -> System.out.println(row.get("word") + " " + row.get("count")));
 * }
 * double pi = client.jobs().value(client.jobs().run("pi", Map.of("samples", 100000)), Estimate.class).pi();
 * }</pre>
 *
 * <p>Parameters that do not fit the function's schema are refused before anything is queued: a
 * {@link HearthClientException} ({@code INVALID_PARAMETER_VALUE}) whose {@link
 * HearthClientException#fieldErrors()} lists every problem.
 */
public final class Jobs {
    private final RestTransport transport;
    private final Polling polling;

    Jobs(RestTransport transport, Polling polling) {
        this.transport = requireNonNull(transport, "transport is null");
        this.polling = requireNonNull(polling, "polling is null");
    }

    /**
     * Submits a job of a function and returns the gateway's answer as is: finished when it
     * finished within the request's {@code wait_timeout}, else PENDING or RUNNING (poll with
     * {@link #await}).
     */
    public JobResponse submit(String function, JobRequest request) {
        requireNonNull(request, "request is null");
        return transport.send("POST", functionJobsPath(function), request, Polling.MAX_SERVER_WAIT, JobResponse.class);
    }

    /** Runs a function with these parameters and waits, without a time limit, until the job is finished. */
    public JobResponse run(String function, Map<String, ?> parameters) {
        requireNonNull(parameters, "parameters is null");
        // copied, not Map.copyOf: a null value is a parameter's JSON null
        JobRequest request = new JobRequest(new LinkedHashMap<>(parameters), null, null, null, null, null);
        return run(function, request, null, ignored -> {});
    }

    /**
     * Submits a job and waits until it is finished (SUCCEEDED, FAILED, CANCELED): the gateway
     * holds the submission for its {@code wait_timeout} (chosen from {@code timeout} when the
     * request has none), then the client polls with backoff, as for statements.
     *
     * @param timeout how long to wait in all, or null for no limit
     * @throws JobTimeoutException when the timeout passes first; the job keeps running
     */
    public JobResponse run(String function, JobRequest request, Duration timeout) {
        return run(function, request, timeout, ignored -> {});
    }

    /**
     * As {@link #run(String, JobRequest, Duration)}, telling {@code listener} every answer (the
     * submission's, then each poll's: state and {@code status.progress}), for progress displays.
     */
    public JobResponse run(String function, JobRequest request, Duration timeout, Consumer<JobResponse> listener) {
        requireNonNull(request, "request is null");
        requireNonNull(listener, "listener is null");
        return awaitFrom(() -> submit(function, withWait(request, timeout)), timeout, listener);
    }

    /**
     * Waits until a submitted job is finished, polling with backoff.
     *
     * @param timeout how long to wait, or null for no limit
     * @throws JobTimeoutException when the timeout passes first; the job keeps running
     */
    public JobResponse await(String jobId, Duration timeout, Consumer<JobResponse> listener) {
        requireNonNull(listener, "listener is null");
        return awaitFrom(() -> find(jobId), timeout, listener);
    }

    /** The job as it is now. */
    public JobResponse find(String jobId) {
        return transport.send("GET", path(jobId), null, JobResponse.class);
    }

    /** Asks a job to stop; a finished job is returned unchanged. */
    public JobResponse cancel(String jobId) {
        return transport.send("POST", path(jobId) + "/cancel", null, JobResponse.class);
    }

    /**
     * A page of the caller's jobs, newest first.
     *
     * @param state only jobs in this state, or null for all
     * @param limit at most this many (1 to 1000)
     * @param pageToken {@link JobList#nextPageToken()} of the previous page, or null for the first
     */
    public JobList list(StatementState state, int limit, String pageToken) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("state", state);
        query.put("limit", limit);
        query.put("page_token", pageToken);
        return transport.send("GET", RestTransport.withQuery("/v1/jobs", query), null, JobList.class);
    }

    /** The end of the job's log, at most its last 64 KiB: one line per logger call. */
    public String log(String jobId) {
        return transport.text(path(jobId) + "/log");
    }

    /** The end of the job's log, at most its last {@code maxBytes} (1 to 16 MiB). */
    public String log(String jobId, int maxBytes) {
        return transport.text(RestTransport.withQuery(path(jobId) + "/log", Map.of("max_bytes", maxBytes)));
    }

    /**
     * The value a SUCCEEDED job returned, as JSON ({@code NullNode} for a null value). Read from
     * the job in hand, without a request; numbers are as exact as Jackson's defaults read them
     * ({@link #fetchValue} reads them exactly).
     *
     * @throws JobFailedException when the job FAILED, was CANCELED or its result expired
     * @throws IllegalStateException when it still runs, or returned a Dataset (read {@link #rows})
     */
    public JsonNode value(JobResponse job) {
        requireValue(job);
        return transport.mapper().valueToTree(job.value());
    }

    /**
     * The value a SUCCEEDED job returned, as {@code type} (a record, a collection, a number ...);
     * the JSON's snake_case names match a record's camelCase components.
     *
     * @throws JobFailedException when the job FAILED, was CANCELED or its result expired
     * @throws IllegalStateException when it still runs, or returned a Dataset (read {@link #rows})
     * @throws IllegalArgumentException when the value does not fit {@code type}
     */
    public <T> T value(JobResponse job, Class<T> type) {
        requireNonNull(type, "type is null");
        requireValue(job);
        return transport.mapper().convertValue(job.value(), type);
    }

    /**
     * The value of a job by its id, from {@code GET /v1/jobs/{id}/result}.
     *
     * @throws HearthClientException {@code CONFLICT} (409) before the job succeeded, {@code
     *     RESULT_EXPIRED} once its result expired
     * @throws IllegalStateException when the job returned a Dataset
     */
    public JsonNode fetchValue(String jobId) {
        JsonNode result = transport.send("GET", path(jobId) + "/result", null, JsonNode.class);
        if (!result.has("value")) {
            throw new IllegalStateException("job " + jobId + " returned a Dataset, not a value; read its rows");
        }
        return result.get("value");
    }

    /** As {@link #fetchValue(String)}, read as {@code type}. */
    public <T> T fetchValue(String jobId, Class<T> type) {
        requireNonNull(type, "type is null");
        ObjectMapper mapper = transport.mapper();
        return mapper.convertValue(fetchValue(jobId), type);
    }

    /**
     * The Dataset a SUCCEEDED job returned, to read chunk by chunk in any format: typed rows
     * ({@link ResultChunks#rows}), raw streams ({@link ResultChunks#fetchChunk}) or Arrow ({@code
     * ArrowChunks}).
     *
     * @throws JobFailedException when the job FAILED, was CANCELED or its result expired
     * @throws IllegalStateException when it still runs, or returned a value (read {@link #value})
     */
    public ResultChunks result(JobResponse job) {
        requireFinished(job);
        if (job.manifest() == null) {
            throw new IllegalStateException("job " + job.jobId() + " returned a value, not a Dataset; read its value");
        }
        return new ResultChunks(transport, "job " + job.jobId(), resultPath(job.jobId()), job.manifest(), job.result());
    }

    /**
     * The rows of the Dataset a SUCCEEDED job returned, typed, fetched one chunk at a time as they
     * are read.
     *
     * @throws JobFailedException when the job FAILED, was CANCELED or its result expired
     */
    public ResultRows rows(JobResponse job) {
        return result(job).rows();
    }

    /** One chunk of a job's Dataset, streamed as the gateway sends it, in any format; the caller closes it. */
    public InputStream fetchChunk(String jobId, int chunkIndex, ResultFormat format) {
        return ResultChunks.fetchChunk(transport, resultPath(jobId), chunkIndex, format);
    }

    private JobResponse awaitFrom(Supplier<JobResponse> first, Duration timeout, Consumer<JobResponse> listener) {
        JobResponse last = polling.await(
                first,
                answer -> answer.status().state().isTerminal(),
                previous -> find(previous.jobId()),
                listener,
                timeout);
        if (!last.status().state().isTerminal()) {
            throw new JobTimeoutException(last, timeout);
        }
        return last;
    }

    private static void requireValue(JobResponse job) {
        requireFinished(job);
        if (job.manifest() != null) {
            throw new IllegalStateException("job " + job.jobId() + " returned a Dataset, not a value; read its rows");
        }
    }

    private static void requireFinished(JobResponse job) {
        requireNonNull(job, "job is null");
        StatementState state = job.status().state();
        if (!state.isTerminal()) {
            throw new IllegalStateException("job " + job.jobId() + " is still " + state);
        }
        if (state != StatementState.SUCCEEDED) {
            throw new JobFailedException(job);
        }
    }

    /** The request with a {@code wait_timeout} that fits the caller's timeout, unless it has one. */
    private static JobRequest withWait(JobRequest request, Duration timeout) {
        if (request.waitTimeout() != null || timeout == null) {
            return request;
        }
        return new JobRequest(
                request.parameters(),
                Polling.serverWait(timeout),
                request.onWaitTimeout(),
                request.format(),
                request.rowLimit(),
                request.idempotencyKey());
    }

    private static String functionJobsPath(String function) {
        return "/v1/functions/" + RestTransport.segment(function) + "/jobs";
    }

    private static String path(String jobId) {
        return "/v1/jobs/" + RestTransport.segment(jobId);
    }

    private static String resultPath(String jobId) {
        return path(jobId) + "/result";
    }
}
