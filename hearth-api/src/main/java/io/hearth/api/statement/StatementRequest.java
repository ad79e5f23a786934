package io.hearth.api.statement;

import io.hearth.api.OnWaitTimeout;
import io.hearth.api.ResultFormat;
import java.util.List;

/**
 * The body of {@code POST /v1/statements}. Only {@code statement} is required.
 *
 * @param statement the SQL text
 * @param parameters named parameters for the SQL text
 * @param waitTimeout how long to wait for the result before answering: {@code 0s}, or {@code 5s}
 *     to {@code 50s} (default {@code 10s})
 * @param onWaitTimeout what to do when the wait ends first (default CONTINUE)
 * @param format the format of inline and chunk results (default JSON_ARRAY)
 * @param rowLimit the most rows to keep; the result says {@code truncated} when cut
 * @param idempotencyKey a key chosen by the client: the same key from the same owner returns the
 *     same statement instead of running it twice
 * @param sessionId the session to run in (its temp views and SQL conf); statements of one session
 *     run one at a time, in the order they were accepted
 * @param context the context whose engines run it (default {@code default}); in a session, the
 *     session's context, so absent or the same
 * @param externalId the client's own id for the request, echoed in every event of the statement
 * @param callbackUrl an http(s) URL the statement's events are POSTed to (webhooks)
 * @param sink where to write the result instead of returning it
 */
public record StatementRequest(
        String statement,
        List<StatementParameter> parameters,
        String waitTimeout,
        OnWaitTimeout onWaitTimeout,
        ResultFormat format,
        Long rowLimit,
        String idempotencyKey,
        String sessionId,
        String context,
        String externalId,
        String callbackUrl,
        ResultSink sink) {

    public StatementRequest {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** A request without events or sink settings. */
    public StatementRequest(
            String statement,
            List<StatementParameter> parameters,
            String waitTimeout,
            OnWaitTimeout onWaitTimeout,
            ResultFormat format,
            Long rowLimit,
            String idempotencyKey,
            String sessionId,
            String context) {
        this(
                statement,
                parameters,
                waitTimeout,
                onWaitTimeout,
                format,
                rowLimit,
                idempotencyKey,
                sessionId,
                context,
                null,
                null,
                null);
    }

    /** A request for the default context (or the session's). */
    public StatementRequest(
            String statement,
            List<StatementParameter> parameters,
            String waitTimeout,
            OnWaitTimeout onWaitTimeout,
            ResultFormat format,
            Long rowLimit,
            String idempotencyKey,
            String sessionId) {
        this(statement, parameters, waitTimeout, onWaitTimeout, format, rowLimit, idempotencyKey, sessionId, null);
    }
}
