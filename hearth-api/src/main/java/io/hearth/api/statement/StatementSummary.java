package io.hearth.api.statement;

import io.hearth.api.StatementState;
import java.time.Instant;

/**
 * A statement as listed by {@code GET /v1/statements}.
 *
 * @param sessionId the session it ran in, or null outside one
 */
public record StatementSummary(
        String statementId,
        StatementState state,
        String statement,
        String owner,
        Instant createdAt,
        Instant finishedAt,
        Long totalRowCount,
        StatementError error,
        String sessionId) {}
