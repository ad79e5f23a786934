package io.hearth.api.statement;

/**
 * A statement as the REST API shows it: {@code manifest} and {@code result} are present once it
 * has SUCCEEDED (and {@code result} only for the JSON_ARRAY format).
 *
 * @param sessionId the session it runs in, or null outside one
 * @param sink where its result is written instead (with the rows written once it SUCCEEDED), or
 *     null for a result kept in chunks
 */
public record StatementResponse(
        String statementId,
        String sessionId,
        StatementStatus status,
        ResultManifest manifest,
        ResultChunk result,
        SinkResult sink) {

    /** A statement whose result is kept in chunks. */
    public StatementResponse(
            String statementId, String sessionId, StatementStatus status, ResultManifest manifest, ResultChunk result) {
        this(statementId, sessionId, status, manifest, result, null);
    }
}
