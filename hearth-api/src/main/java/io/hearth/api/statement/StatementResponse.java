package io.hearth.api.statement;

/**
 * A statement as the REST API shows it: {@code manifest} and {@code result} are present once it
 * has SUCCEEDED (and {@code result} only for the JSON_ARRAY format).
 */
public record StatementResponse(
        String statementId, StatementStatus status, ResultManifest manifest, ResultChunk result) {}
