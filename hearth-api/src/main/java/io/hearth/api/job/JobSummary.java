package io.hearth.api.job;

import io.hearth.api.StatementState;
import io.hearth.api.statement.StatementError;
import java.time.Instant;

/** A job as listed by {@code GET /v1/jobs}. */
public record JobSummary(
        String jobId,
        String function,
        StatementState state,
        String owner,
        Instant createdAt,
        Instant finishedAt,
        StatementError error) {}
