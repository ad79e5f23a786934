package io.hearth.server.batch;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.batch.BatchError;
import io.hearth.api.batch.BatchState;
import io.hearth.server.artifact.Artifact;
import io.hearth.server.artifact.Artifacts;
import io.hearth.server.auth.Principal;
import io.hearth.server.engine.LogTail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs accepted batches as processes, at most {@code batch.max-running} at once, in the order
 * they came; records how each ends; stops them on request or when the gateway stops.
 */
final class BatchRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
    static final int FAILURE_TAIL_LINES = 200;

    private final BatchRepository batches;
    private final Artifacts artifacts;
    private final BatchLauncher launcher;
    private final BatchConfig config;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Queue<BatchId> queue = new ConcurrentLinkedQueue<>();
    private final Map<BatchId, RunningBatch> running = new ConcurrentHashMap<>();
    private volatile boolean closing;

    BatchRunner(BatchRepository batches, Artifacts artifacts, BatchLauncher launcher, BatchConfig config, Clock clock) {
        this.batches = requireNonNull(batches, "batches is null");
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        // one thread starts batches and records their ends, so the running count has one writer
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "batch-runner");
            thread.setDaemon(true);
            return thread;
        });
    }

    Path logFile(BatchId id) {
        return config.directory().resolve(id.value() + ".log");
    }

    /** Queues a stored PENDING batch; it starts when a slot is free. */
    void enqueue(BatchId id) {
        queue.add(id);
        executor.execute(this::dispatch);
    }

    private void dispatch() {
        while (!closing && running.size() < config.maxRunning()) {
            BatchId id = queue.poll();
            if (id == null) {
                return;
            }
            start(id);
        }
    }

    /** Starting and killing exclude each other, so a batch killed while it starts never runs on. */
    private synchronized void start(BatchId id) {
        if (closing) {
            return; // left PENDING: the next start-up marks it FAILED
        }
        Batch batch = batches.find(id).orElse(null);
        if (batch == null || batch.state() != BatchState.PENDING) {
            return; // killed while it waited
        }
        Path jar = config.directory().resolve(id.value() + ".jar");
        Process process;
        try {
            Artifact artifact = artifacts.find(new Principal(batch.owner()), batch.artifactId());
            linkJar(artifact.path(), jar);
            process = launcher.launch(new BatchLaunch(
                    id, batch.owner(), jar, batch.className(), batch.args(), batch.conf(), logFile(id)));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(jar);
            log.warn("Batch {} could not be started", id, e);
            batches.markFailed(
                    id,
                    null,
                    new BatchError(ErrorCode.LAUNCH_FAILED.name(), "the batch could not be started: " + e.getMessage()),
                    clock.instant());
            return;
        }
        RunningBatch run = new RunningBatch(id, process, jar);
        running.put(id, run);
        batches.markRunning(id, process.pid(), clock.instant());
        log.info("Batch {} of {} runs as process {}", id, batch.owner(), process.pid());
        process.onExit().whenComplete((ignored, failure) -> onRunner(() -> finished(run)));
    }

    /**
     * The batch keeps its own link to the artifact's bytes, so deleting the artifact while it runs
     * does not take the jar from under it.
     */
    private static void linkJar(Path artifact, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Files.deleteIfExists(jar);
        try {
            Files.createLink(jar, artifact);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(artifact, jar);
        }
    }

    private void finished(RunningBatch run) {
        running.remove(run.id);
        deleteQuietly(run.jar);
        int exitCode = run.process.exitValue();
        if (closing) {
            batches.markFailed(
                    run.id,
                    exitCode,
                    new BatchError(
                            ErrorCode.GATEWAY_RESTARTED.name(),
                            "the gateway stopped while the batch was running; batches end with the gateway"),
                    clock.instant());
        } else if (run.killRequested) {
            batches.markKilled(run.id, exitCode, clock.instant());
        } else if (exitCode == 0) {
            batches.markSucceeded(run.id, clock.instant());
        } else {
            String message = BatchFailures.describe(exitCode, LogTail.lastLines(logFile(run.id), FAILURE_TAIL_LINES));
            batches.markFailed(
                    run.id, exitCode, new BatchError(ErrorCode.APPLICATION_FAILED.name(), message), clock.instant());
        }
        log.info("Batch {} ended with exit status {}", run.id, exitCode);
        run.done.complete(null);
        dispatch();
    }

    /**
     * Stops a batch: a PENDING one never starts, a RUNNING one is asked to stop (SIGTERM to its
     * process tree), then killed after {@code batch.kill-grace-period}.
     *
     * @return completes once the batch has ended
     */
    synchronized CompletableFuture<Void> kill(BatchId id) {
        RunningBatch run = running.get(id);
        if (run != null) {
            run.killRequested = true;
            stop(run);
            return run.done;
        }
        queue.remove(id);
        batches.markKilled(id, null, clock.instant());
        return CompletableFuture.completedFuture(null);
    }

    private void stop(RunningBatch run) {
        destroy(run.process, false);
        long graceMillis = config.killGracePeriod().toMillis();
        try {
            executor.schedule(() -> destroy(run.process, true), graceMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            destroy(run.process, true);
        }
    }

    private static void destroy(Process process, boolean forcibly) {
        if (!process.isAlive()) {
            return;
        }
        // children first: spark-submit's script and Spark's own child processes go with the batch
        process.descendants().forEach(child -> {
            if (forcibly) {
                child.destroyForcibly();
            } else {
                child.destroy();
            }
        });
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
    }

    private void onRunner(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the runner has stopped; record the end on this thread instead
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}", file, e);
        }
    }

    /** Batches die with the gateway: running ones are stopped, waiting ones fail. */
    @Override
    public void close() {
        closing = true;
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        synchronized (this) {
            for (RunningBatch run : running.values()) {
                stop(run);
                ends.add(run.done);
            }
        }
        for (BatchId id = queue.poll(); id != null; id = queue.poll()) {
            batches.markFailed(
                    id,
                    null,
                    new BatchError(ErrorCode.GATEWAY_RESTARTED.name(), "the gateway stopped before the batch started"),
                    clock.instant());
        }
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
                    .get(config.killGracePeriod().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Not every batch process ended in time at shutdown: {}", running.keySet());
        }
        executor.shutdownNow();
    }

    private static final class RunningBatch {
        final BatchId id;
        final Process process;
        final Path jar;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile boolean killRequested;

        RunningBatch(BatchId id, Process process, Path jar) {
            this.id = id;
            this.process = process;
            this.jar = jar;
        }
    }
}
