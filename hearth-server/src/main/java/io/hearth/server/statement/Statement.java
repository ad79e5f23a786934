package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.SinkResult;
import io.hearth.api.statement.StatementError;
import io.hearth.api.statement.StatementParameter;
import java.time.Instant;
import java.util.List;

/**
 * A statement as stored: what was asked, by whom, and how far it got.
 *
 * @param rowLimit the most rows to keep, or null for the configured maximum
 * @param idempotencyKey the client's key, or null
 * @param engineId the engine it ran on, once it started
 * @param manifest the result's manifest, once it SUCCEEDED
 * @param resultExpiresAt when the result will be deleted, once it SUCCEEDED
 * @param sessionId the session it runs in, or null for the engine's shared session
 * @param job the job it runs instead of SQL text, or null for a SQL statement
 * @param resultValue a job's JSON result value, once it SUCCEEDED (a job that returned a Dataset
 *     has a manifest instead)
 * @param context the context whose engines run it, or null for {@code default} (in a session, the
 *     session's engine runs it)
 * @param sink where its result is written instead of the result store (and, once SUCCEEDED, how
 *     many rows), or null
 * @param externalId the client's own id for the work, echoed in its events, or null
 * @param callbackUrl where webhooks POST the work's events, or null
 */
public record Statement(
        StatementId id,
        String owner,
        String text,
        List<StatementParameter> parameters,
        ResultFormat format,
        Long rowLimit,
        String idempotencyKey,
        StatementState state,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String engineId,
        StatementError error,
        ResultManifest manifest,
        Instant resultExpiresAt,
        String sessionId,
        JobSpec job,
        String resultValue,
        String context,
        SinkResult sink,
        String externalId,
        String callbackUrl) {

    public Statement {
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(text, "text is null");
        parameters = List.copyOf(parameters);
        requireNonNull(format, "format is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** A statement just accepted, PENDING. */
    public static Statement accepted(
            StatementId id,
            String owner,
            String text,
            List<StatementParameter> parameters,
            ResultFormat format,
            Long rowLimit,
            String idempotencyKey,
            Instant createdAt) {
        return new Statement(
                id,
                owner,
                text,
                parameters,
                format,
                rowLimit,
                idempotencyKey,
                StatementState.PENDING,
                createdAt,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A SQL statement, or a job of a function. */
    public WorkKind kind() {
        return job == null ? WorkKind.STATEMENT : WorkKind.JOB;
    }

    /** The same statement, to run in a session. */
    public Statement withSession(String newSessionId) {
        return new Statement(
                id,
                owner,
                text,
                parameters,
                format,
                rowLimit,
                idempotencyKey,
                state,
                createdAt,
                startedAt,
                finishedAt,
                engineId,
                error,
                manifest,
                resultExpiresAt,
                newSessionId,
                job,
                resultValue,
                context,
                sink,
                externalId,
                callbackUrl);
    }

    /** The same statement, running a job instead of SQL text. */
    public Statement withJob(JobSpec newJob) {
        return new Statement(
                id,
                owner,
                text,
                parameters,
                format,
                rowLimit,
                idempotencyKey,
                state,
                createdAt,
                startedAt,
                finishedAt,
                engineId,
                error,
                manifest,
                resultExpiresAt,
                sessionId,
                newJob,
                resultValue,
                context,
                sink,
                externalId,
                callbackUrl);
    }

    /** The same statement, for engines of this context. */
    public Statement withContext(String newContext) {
        return new Statement(
                id,
                owner,
                text,
                parameters,
                format,
                rowLimit,
                idempotencyKey,
                state,
                createdAt,
                startedAt,
                finishedAt,
                engineId,
                error,
                manifest,
                resultExpiresAt,
                sessionId,
                job,
                resultValue,
                newContext,
                sink,
                externalId,
                callbackUrl);
    }

    /** The same statement, writing its result to this sink. */
    public Statement withSink(SinkResult newSink) {
        return new Statement(
                id,
                owner,
                text,
                parameters,
                format,
                rowLimit,
                idempotencyKey,
                state,
                createdAt,
                startedAt,
                finishedAt,
                engineId,
                error,
                manifest,
                resultExpiresAt,
                sessionId,
                job,
                resultValue,
                context,
                newSink,
                externalId,
                callbackUrl);
    }

    /** The same statement, with the client's external id and callback URL (either may be null). */
    public Statement withEventTarget(String newExternalId, String newCallbackUrl) {
        return new Statement(
                id,
                owner,
                text,
                parameters,
                format,
                rowLimit,
                idempotencyKey,
                state,
                createdAt,
                startedAt,
                finishedAt,
                engineId,
                error,
                manifest,
                resultExpiresAt,
                sessionId,
                job,
                resultValue,
                context,
                sink,
                newExternalId,
                newCallbackUrl);
    }
}
