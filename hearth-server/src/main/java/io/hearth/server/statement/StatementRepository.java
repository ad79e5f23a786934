package io.hearth.server.statement;

import io.hearth.api.StatementState;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.SinkResult;
import io.hearth.api.statement.StatementError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where statements are kept. Every state change is a compare-and-set: it happens only when the
 * statement is still in the expected state, and says whether it did, so several gateways can share
 * one store. A change that happened wrote its lifecycle event (docs/events.md) in the same
 * transaction: QUEUED on insert, STARTED, SUCCEEDED, FAILED, CANCELED; one that did not wrote none.
 */
public interface StatementRepository {
    /**
     * Stores a new PENDING statement. When the owner already has a statement with the same
     * idempotency key, stores nothing and returns that one.
     */
    Statement insert(Statement statement);

    Optional<Statement> find(StatementId id);

    /** PENDING to RUNNING on the given engine. */
    boolean markRunning(StatementId id, String engineId, Instant startedAt);

    /**
     * RUNNING to SUCCEEDED with its result (and a job's result value, or null).
     *
     * @param firstChunk the result's first chunk for the SUCCEEDED event to carry inline, or null
     *     when it is too large for an event (or there are no rows); it is not stored
     */
    boolean markSucceeded(
            StatementId id,
            ResultManifest manifest,
            String resultValue,
            InlineChunk firstChunk,
            Instant finishedAt,
            Instant resultExpiresAt);

    /** Records what a RUNNING statement wrote to its sink, just before it is marked SUCCEEDED. */
    void recordSink(StatementId id, SinkResult sink);

    /** PENDING or RUNNING to FAILED. */
    boolean markFailed(StatementId id, StatementError error, Instant finishedAt);

    /** PENDING or RUNNING to CANCELED. */
    boolean markCanceled(StatementId id, Instant finishedAt);

    /** SUCCEEDED to CLOSED: its result has expired. */
    boolean markClosed(StatementId id);

    /**
     * One owner's statements or jobs (every owner's when {@code owner} is empty), newest first,
     * optionally in one state and one session, after a page start.
     */
    List<Statement> list(
            Optional<String> owner,
            WorkKind kind,
            Optional<StatementState> state,
            Optional<String> sessionId,
            Optional<StatementPage> page,
            int limit);

    /** {@link #list(Optional, WorkKind, Optional, Optional, Optional, int)} in every session and none. */
    default List<Statement> list(
            Optional<String> owner,
            WorkKind kind,
            Optional<StatementState> state,
            Optional<StatementPage> page,
            int limit) {
        return list(owner, kind, state, Optional.empty(), page, limit);
    }

    /** SUCCEEDED statements whose result expired before {@code now}. */
    List<StatementId> findExpired(Instant now, int limit);

    /** A session's statements still PENDING or RUNNING, oldest first. */
    List<StatementId> findUnfinishedInSession(String sessionId);

    /** Statements still PENDING or RUNNING (after a restart, none of them will finish). */
    List<StatementId> findUnfinished();

    /** How many statements and how many jobs are in each state (every kind and state, zeros too). */
    Map<WorkKind, Map<StatementState, Long>> countByKindAndState();
}
