package io.hearth.api.job;

import io.hearth.api.statement.ResultChunk;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.StatementStatus;
import java.util.Map;

/**
 * A job as the REST API shows it. Once it SUCCEEDED, a job that returned a value has
 * {@code value}; one that returned a Dataset has {@code manifest} (and, for JSON_ARRAY,
 * {@code result}, its first chunk), exactly like a statement.
 *
 * @param status the job's state (the states of a statement), error and progress
 * @param value the value the job returned (any JSON value, {@code null} included)
 * @param externalId the client's own id given with the request, or null
 * @param callbackUrl where its events are POSTed (webhooks), or null
 */
public record JobResponse(
        String jobId,
        String function,
        Map<String, Object> parameters,
        StatementStatus status,
        ResultManifest manifest,
        ResultChunk result,
        Object value,
        String externalId,
        String callbackUrl) {

    /** A job without event settings. */
    public JobResponse(
            String jobId,
            String function,
            Map<String, Object> parameters,
            StatementStatus status,
            ResultManifest manifest,
            ResultChunk result,
            Object value) {
        this(jobId, function, parameters, status, manifest, result, value, null, null);
    }
}
