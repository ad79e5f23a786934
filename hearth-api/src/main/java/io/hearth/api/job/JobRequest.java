package io.hearth.api.job;

import io.hearth.api.OnWaitTimeout;
import io.hearth.api.ResultFormat;
import java.util.Map;

/**
 * The body of {@code POST /v1/functions/{name}/jobs}. Apart from {@code parameters}, the fields
 * mean what they mean for a statement.
 *
 * @param parameters the job's parameters, checked against the function's schema before the job is
 *     queued; absent is an empty object
 * @param waitTimeout {@code 0s}, or {@code 5s} to {@code 50s} (default {@code 10s})
 * @param format the default format of a Dataset result's chunks
 * @param rowLimit the most rows of a Dataset result to keep
 * @param idempotencyKey the same key from the same owner returns the same job instead of running
 *     it again
 * @param context the context whose engines run it (default {@code default})
 * @param externalId the client's own id for the request, echoed in every event of the job
 * @param callbackUrl an http(s) URL the job's events are POSTed to (webhooks)
 */
public record JobRequest(
        Map<String, Object> parameters,
        String waitTimeout,
        OnWaitTimeout onWaitTimeout,
        ResultFormat format,
        Long rowLimit,
        String idempotencyKey,
        String context,
        String externalId,
        String callbackUrl) {

    /** A request without event settings. */
    public JobRequest(
            Map<String, Object> parameters,
            String waitTimeout,
            OnWaitTimeout onWaitTimeout,
            ResultFormat format,
            Long rowLimit,
            String idempotencyKey,
            String context) {
        this(parameters, waitTimeout, onWaitTimeout, format, rowLimit, idempotencyKey, context, null, null);
    }

    /** A request for the default context. */
    public JobRequest(
            Map<String, Object> parameters,
            String waitTimeout,
            OnWaitTimeout onWaitTimeout,
            ResultFormat format,
            Long rowLimit,
            String idempotencyKey) {
        this(parameters, waitTimeout, onWaitTimeout, format, rowLimit, idempotencyKey, null);
    }
}
