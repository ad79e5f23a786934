package io.hearth.api.statement;

/**
 * A statement as the REST API shows it: {@code manifest} and {@code result} are present once it
 * has SUCCEEDED (and {@code result} only for the JSON_ARRAY format).
 *
 * @param sessionId the session it runs in, or null outside one
 */
public record StatementResponse(
        String statementId, String sessionId, StatementStatus status, ResultManifest manifest, ResultChunk result) {}
