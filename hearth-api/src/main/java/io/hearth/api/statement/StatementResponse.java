package io.hearth.api.statement;

/**
 * A statement as the REST API shows it: {@code manifest} and {@code result} are present once it
 * has SUCCEEDED (and {@code result} only for the JSON_ARRAY format).
 *
 * @param sessionId the session it runs in, or null outside one
 * @param sink where its result is written instead (with the rows written once it SUCCEEDED), or
 *     null for a result kept in chunks
 * @param externalId the client's own id given with the request, or null
 * @param callbackUrl where its events are POSTed (webhooks), or null
 */
public record StatementResponse(
        String statementId,
        String sessionId,
        StatementStatus status,
        ResultManifest manifest,
        ResultChunk result,
        SinkResult sink,
        String externalId,
        String callbackUrl) {

    /** A statement whose result is kept in chunks, without event settings. */
    public StatementResponse(
            String statementId, String sessionId, StatementStatus status, ResultManifest manifest, ResultChunk result) {
        this(statementId, sessionId, status, manifest, result, null, null, null);
    }
}
