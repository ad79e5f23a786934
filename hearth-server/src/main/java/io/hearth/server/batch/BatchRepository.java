package io.hearth.server.batch;

import io.hearth.api.batch.BatchError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where batches are kept. Every state change is a compare-and-set: it happens only from the
 * expected states, and says whether it did. A change that happened wrote its lifecycle event in the
 * same transaction (QUEUED on insert, STARTED, SUCCEEDED, FAILED, and CANCELED when killed).
 */
public interface BatchRepository {
    /** Stores a new PENDING batch. */
    void insert(Batch batch);

    Optional<Batch> find(BatchId id);

    /** One owner's batches (every owner's when {@code owner} is empty), newest first, after a page start. */
    List<Batch> list(Optional<String> owner, Optional<BatchPage> page, int limit);

    /** PENDING to RUNNING in the process {@code pid}. */
    boolean markRunning(BatchId id, long pid, Instant startedAt);

    /** RUNNING to SUCCEEDED: the application exited with status 0. */
    boolean markSucceeded(BatchId id, Instant finishedAt);

    /** PENDING or RUNNING to FAILED; {@code exitCode} is null when no process ended. */
    boolean markFailed(BatchId id, Integer exitCode, BatchError error, Instant finishedAt);

    /** PENDING or RUNNING to KILLED; {@code exitCode} is null when no process ran. */
    boolean markKilled(BatchId id, Integer exitCode, Instant finishedAt);

    /** Batches still PENDING or RUNNING, oldest first. */
    List<BatchId> findUnfinished();
}
