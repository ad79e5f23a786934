package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.statement.ResultChunk;
import io.hearth.api.statement.StatementList;
import io.hearth.api.statement.StatementRequest;
import io.hearth.api.statement.StatementResponse;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * SQL statements: submit, wait, poll, list, cancel, and read results as typed rows or as raw chunk
 * streams in any format. Obtained from {@link HearthClient#statements()}; thread-safe.
 *
 * <pre>{@code
 * StatementResponse done = client.statements().execute(
 *         new StatementRequest("select * from t", List.of(), null, null, null, null, null, null),
 *         Duration.ofMinutes(5));
 * try (ResultRows rows = client.statements().rows(done)) {
 *     rows.forEachRemaining(row -> System.out.println(row.get("id")));
 * }
 * }</pre>
 */
public final class Statements {
    private final RestTransport transport;
    private final Polling polling;

    Statements(RestTransport transport, Polling polling) {
        this.transport = requireNonNull(transport, "transport is null");
        this.polling = requireNonNull(polling, "polling is null");
    }

    /**
     * Submits a statement and returns the gateway's answer as is: finished when it finished within
     * the request's {@code wait_timeout}, else PENDING or RUNNING (poll with {@link #await}).
     */
    public StatementResponse submit(StatementRequest request) {
        requireNonNull(request, "request is null");
        return transport.send("POST", "/v1/statements", request, Polling.MAX_SERVER_WAIT, StatementResponse.class);
    }

    /** Runs SQL text and waits, without a time limit, until it is finished. */
    public StatementResponse execute(String sql) {
        return execute(request(sql), null, ignored -> {});
    }

    /**
     * Submits a statement and waits until it is finished (SUCCEEDED, FAILED, CANCELED): the
     * gateway holds the submission for its {@code wait_timeout} (chosen from {@code timeout} when
     * the request has none), then the client polls with backoff.
     *
     * @param timeout how long to wait in all, or null for no limit
     * @throws StatementTimeoutException when the timeout passes first; the statement keeps running
     */
    public StatementResponse execute(StatementRequest request, Duration timeout) {
        return execute(request, timeout, ignored -> {});
    }

    /**
     * As {@link #execute(StatementRequest, Duration)}, telling {@code listener} every answer (the
     * submission's, then each poll's: state and {@code status.progress}), for progress displays.
     */
    public StatementResponse execute(StatementRequest request, Duration timeout, Consumer<StatementResponse> listener) {
        requireNonNull(request, "request is null");
        requireNonNull(listener, "listener is null");
        return awaitFrom(() -> submit(withWait(request, timeout)), timeout, listener);
    }

    /**
     * Waits until a submitted statement is finished, polling with backoff.
     *
     * @param timeout how long to wait, or null for no limit
     * @throws StatementTimeoutException when the timeout passes first; the statement keeps running
     */
    public StatementResponse await(String statementId, Duration timeout, Consumer<StatementResponse> listener) {
        requireNonNull(listener, "listener is null");
        return awaitFrom(() -> find(statementId), timeout, listener);
    }

    /** The statement as it is now. */
    public StatementResponse find(String statementId) {
        return transport.send("GET", path(statementId), null, StatementResponse.class);
    }

    /** Asks a statement to stop; a finished statement is returned unchanged. */
    public StatementResponse cancel(String statementId) {
        return transport.send("POST", path(statementId) + "/cancel", null, StatementResponse.class);
    }

    /**
     * A page of the caller's statements, newest first.
     *
     * @param state only statements in this state, or null for all
     * @param limit at most this many (1 to 1000)
     * @param pageToken {@link StatementList#nextPageToken()} of the previous page, or null for the first
     */
    public StatementList list(StatementState state, int limit, String pageToken) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("state", state);
        query.put("limit", limit);
        query.put("page_token", pageToken);
        return transport.send("GET", RestTransport.withQuery("/v1/statements", query), null, StatementList.class);
    }

    /**
     * One chunk of a result, streamed as the gateway sends it, in any format: JSON_ARRAY ({@code
     * {"chunk_index", ..., "data_array"}}), CSV (with a header row), ARROW_STREAM (an Arrow IPC
     * stream) or BSON (one document per row, concatenated). The caller closes the stream; nothing is buffered here.
     */
    public InputStream fetchChunk(String statementId, int chunkIndex, ResultFormat format) {
        return ResultChunks.fetchChunk(transport, resultPath(statementId), chunkIndex, format);
    }

    /** One chunk of a result as JSON rows (values as the gateway renders them). */
    public ResultChunk fetchJsonChunk(String statementId, int chunkIndex) {
        return ResultChunks.fetchJsonChunk(transport, resultPath(statementId), chunkIndex);
    }

    /**
     * The result of a SUCCEEDED statement, to read chunk by chunk in any format.
     *
     * @throws StatementFailedException when the statement FAILED, was CANCELED or its result expired
     */
    public ResultChunks result(StatementResponse statement) {
        requireNonNull(statement, "statement is null");
        StatementState state = statement.status().state();
        if (!state.isTerminal()) {
            throw new IllegalStateException("statement " + statement.statementId() + " is still " + state);
        }
        if (state != StatementState.SUCCEEDED || statement.manifest() == null) {
            throw new StatementFailedException(statement);
        }
        return new ResultChunks(
                transport,
                "statement " + statement.statementId(),
                resultPath(statement.statementId()),
                statement.manifest(),
                statement.result());
    }

    /**
     * The rows of a SUCCEEDED statement as typed values, fetched one chunk at a time as they are
     * read (the first from the statement itself when the gateway sent it inline).
     *
     * @throws StatementFailedException when the statement FAILED, was CANCELED or its result expired
     */
    public ResultRows rows(StatementResponse statement) {
        return result(statement).rows();
    }

    /**
     * Runs SQL text, waits for it without a time limit, and returns its rows.
     *
     * @throws StatementFailedException when it fails or is canceled
     */
    public ResultRows query(String sql) {
        return rows(execute(sql));
    }

    private StatementResponse awaitFrom(
            Supplier<StatementResponse> first, Duration timeout, Consumer<StatementResponse> listener) {
        StatementResponse last = polling.await(
                first,
                answer -> answer.status().state().isTerminal(),
                previous -> find(previous.statementId()),
                listener,
                timeout);
        if (!last.status().state().isTerminal()) {
            throw new StatementTimeoutException(last, timeout);
        }
        return last;
    }

    /** The request with a {@code wait_timeout} that fits the caller's timeout, unless it has one. */
    private static StatementRequest withWait(StatementRequest request, Duration timeout) {
        if (request.waitTimeout() != null || timeout == null) {
            return request;
        }
        return new StatementRequest(
                request.statement(),
                request.parameters(),
                Polling.serverWait(timeout),
                request.onWaitTimeout(),
                request.format(),
                request.rowLimit(),
                request.idempotencyKey(),
                request.sessionId());
    }

    private static StatementRequest request(String sql) {
        return new StatementRequest(requireNonNull(sql, "sql is null"), null, null, null, null, null, null, null);
    }

    private static String path(String statementId) {
        return "/v1/statements/" + RestTransport.segment(statementId);
    }

    private static String resultPath(String statementId) {
        return path(statementId) + "/result";
    }

    /** The statement's lifecycle events from its first; the subscription ends after its terminal event. */
    public EventSubscription events(String statementId) {
        return new Events(transport).statement(statementId);
    }
}
