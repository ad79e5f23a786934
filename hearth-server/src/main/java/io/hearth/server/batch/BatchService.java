package io.hearth.server.batch;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.batch.BatchError;
import io.hearth.api.batch.BatchRequest;
import io.hearth.server.artifact.Artifacts;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.engine.LogTail;
import io.hearth.server.event.EventTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches: whole Spark applications from uploaded jars, each run to completion in a process of
 * its own (launched the way engines are). A batch is stored PENDING before anything runs, so an
 * accepted batch is never lost; batches do not outlive the gateway that runs them.
 */
public final class BatchService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchService.class);
    /** How much longer than the kill grace period a kill request waits to see the batch end. */
    private static final Duration KILL_WAIT_SLACK = Duration.ofSeconds(5);

    private final BatchRepository batches;
    private final Artifacts artifacts;
    private final BatchConfig config;
    private final Clock clock;
    private final Supplier<BatchId> ids;
    private final BatchRunner runner;
    private final EventTargets eventTargets;

    public BatchService(
            BatchRepository batches,
            Artifacts artifacts,
            BatchLauncher launcher,
            BatchConfig config,
            EventTargets eventTargets,
            Clock clock,
            Supplier<BatchId> ids) {
        this.batches = requireNonNull(batches, "batches is null");
        this.eventTargets = requireNonNull(eventTargets, "eventTargets is null");
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.runner = new BatchRunner(batches, artifacts, launcher, config, clock);
    }

    /**
     * Batches left PENDING or RUNNING by a previous run of the gateway are not re-attached (their
     * processes ended with it): they are marked FAILED with a reason the client can act on.
     */
    public int failInterruptedBatches() {
        int failed = 0;
        for (BatchId id : batches.findUnfinished()) {
            if (batches.markFailed(
                    id,
                    null,
                    new BatchError(
                            ErrorCode.GATEWAY_RESTARTED.name(),
                            "the gateway restarted before the batch finished; submit it again"),
                    clock.instant())) {
                failed++;
            }
        }
        if (failed > 0) {
            log.warn("Marked {} batches interrupted by a gateway restart as FAILED", failed);
        }
        return failed;
    }

    /**
     * Accepts a batch: checks it, stores it PENDING, and queues it to run.
     *
     * @throws HearthException INVALID_PARAMETER_VALUE naming the field that is wrong, including an
     *     artifact that does not exist or is not the caller's
     */
    public Batch submit(Principal principal, BatchRequest request) {
        requireNonNull(principal, "principal is null");
        requireNonNull(request, "request is null");
        BatchRequests.validate(request, eventTargets);
        try {
            artifacts.find(principal, request.artifactId());
        } catch (HearthException e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            throw HearthException.invalidField(
                    "artifact_id", "artifact " + request.artifactId() + " does not exist; upload it first");
        }
        Batch batch = Batch.accepted(
                        ids.get(),
                        principal.name(),
                        request.artifactId(),
                        request.className(),
                        request.args() == null ? List.of() : request.args(),
                        request.conf() == null ? Map.of() : request.conf(),
                        // the store keeps microseconds: the answer shows what a later read will
                        clock.instant().truncatedTo(ChronoUnit.MICROS))
                .withEventTarget(request.externalId(), request.callbackUrl());
        batches.insert(batch);
        log.info(
                "Accepted batch {} of {}: {} from artifact {}",
                batch.id(),
                batch.owner(),
                batch.className(),
                batch.artifactId());
        runner.enqueue(batch.id());
        return batch;
    }

    /** A batch the principal may see (their own; any for an admin); NOT_FOUND otherwise, as for no batch. */
    public Batch find(Principal principal, BatchId id) {
        return batches.find(id)
                .filter(batch -> principal.mayAccess(batch.owner()))
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "batch " + id + " does not exist"));
    }

    /** The batches a listing shows, newest first, after a page start. */
    public List<Batch> list(OwnerFilter filter, Optional<BatchPage> page, int limit) {
        return filter.matchesNothing() ? List.of() : batches.list(filter.owner(), page, limit);
    }

    /** The last lines of the batch's output (empty before it started). */
    public List<String> logTail(Principal principal, BatchId id, int lines) {
        find(principal, id);
        return LogTail.lastLines(runner.logFile(id), lines);
    }

    /**
     * Kills a batch and waits (up to the kill grace period and a little more) for it to end; a
     * finished batch is returned unchanged.
     */
    public Batch kill(Principal principal, BatchId id) throws InterruptedException {
        Batch batch = find(principal, id);
        if (batch.state().isTerminal()) {
            return batch;
        }
        try {
            runner.kill(id).get(config.killGracePeriod().plus(KILL_WAIT_SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Batch {} has not ended {} after it was killed", id, config.killGracePeriod());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        log.info("Killed batch {} on request of {}", id, principal.name());
        return find(principal, id);
    }

    @Override
    public void close() {
        runner.close();
    }
}
