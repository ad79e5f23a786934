package io.hearth.server.stream;

import static io.hearth.server.stream.StreamEvents.data;
import static io.hearth.server.stream.StreamEvents.draft;
import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.event.EventType;
import io.hearth.api.stream.StreamError;
import io.hearth.api.stream.StreamProgress;
import io.hearth.protocol.v1.StartStreamResponse;
import io.hearth.protocol.v1.StreamStatusResponse;
import io.hearth.server.auth.Principal;
import io.hearth.server.engine.EngineLease;
import io.hearth.server.engine.EngineRequest;
import io.hearth.server.engine.EngineSelector;
import io.hearth.server.event.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs streams on engines: starts each on an engine of its owner's (holding a lease on it for as
 * long as it runs, so the engine is not stopped as idle), polls the engines for progress, stores
 * how each ends, and restarts a stream from its checkpoint on a new engine when its engine is
 * lost, up to {@code streams.max-restarts} times.
 */
final class StreamSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamSupervisor.class);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    private final StreamRepository streams;
    private final EngineSelector engines;
    private final Outbox outbox;
    private final StreamConfig config;
    private final Clock clock;
    private final ExecutorService starters;
    private final ScheduledExecutorService poller;
    private final ConcurrentMap<StreamId, RunningStream> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    StreamSupervisor(
            StreamRepository streams, EngineSelector engines, Outbox outbox, StreamConfig config, Clock clock) {
        this.streams = requireNonNull(streams, "streams is null");
        this.engines = requireNonNull(engines, "engines is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.starters = Executors.newCachedThreadPool(threads("hearth-stream-start-"));
        this.poller = Executors.newSingleThreadScheduledExecutor(threads("hearth-stream-poll-"));
        long interval = config.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollAll, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Starts a QUEUED stream on an engine, in the background. */
    void launch(Stream stream) {
        submit(() -> run(stream));
    }

    /**
     * Takes back a stream a previous gateway left QUEUED or RUNNING: attached again when its engine
     * registered again and still runs it, otherwise started again from its checkpoint.
     */
    void recover(Stream stream, Set<String> recoveringEngines) {
        switch (stream.state()) {
            case QUEUED -> launch(stream);
            case RUNNING -> {
                if (stream.engineId() != null && recoveringEngines.contains(stream.engineId())) {
                    submit(() -> reattach(stream));
                } else {
                    submit(() -> requeue(stream, "the gateway restarted and the stream's engine was gone"));
                }
            }
            case STOPPED, FAILED -> {
                // nothing to take back
            }
        }
    }

    /** The latest micro-batches of a stream this gateway supervises, oldest first. */
    Optional<List<StreamProgress>> liveProgress(StreamId id) {
        return Optional.ofNullable(running.get(id)).map(RunningStream::recent);
    }

    /** Stops a stream's query on its engine (if it runs here) and stores it STOPPED. */
    void stop(Stream stream, String reason) {
        RunningStream runningStream = running.remove(stream.id());
        if (runningStream != null) {
            try {
                runningStream.lease().connection().stopStream(stream.id().value(), config.engineCallTimeout());
            } catch (StatusRuntimeException e) {
                log.warn(
                        "Stopping stream {} on engine {} failed: {}",
                        stream.id(),
                        runningStream.engineId(),
                        e.getStatus());
            } finally {
                saveProgress(runningStream);
                runningStream.lease().close();
            }
        }
        if (streams.markStopped(
                stream.id(),
                clock.instant(),
                draft(stream, EventType.STOPPED, clock.instant(), data("reason", reason)))) {
            log.info("Stopped stream {}: {}", stream.id(), reason);
        }
    }

    /** An engine ended: its streams start again from their checkpoints on another engine. */
    void engineEnded(String engineId) {
        if (closed) {
            return; // the gateway stops: the next one takes the streams back
        }
        for (RunningStream runningStream : running.values()) {
            if (runningStream.engineId().equals(engineId) && running.remove(runningStream.id(), runningStream)) {
                String reason = runningStream
                        .lease()
                        .connection()
                        .lostReason()
                        .map(why -> "engine " + engineId + " was lost: " + why)
                        .orElse("engine " + engineId + " ended");
                runningStream.lease().close();
                saveProgress(runningStream);
                submit(() -> streams.find(runningStream.id()).ifPresent(stream -> engineLost(stream, reason)));
            }
        }
    }

    private void run(Stream stream) {
        if (closed) {
            return;
        }
        EngineLease lease;
        try {
            lease = engines.acquire(new EngineRequest(
                    new Principal(stream.owner()),
                    Optional.of(stream.context()),
                    stream.id().value()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the gateway stops; the stream stays QUEUED for the next one
        } catch (HearthException e) {
            if (!closed) {
                fail(stream, new StreamError(e.errorCode().name(), e.getMessage()));
            }
            return;
        }
        startOn(stream, lease);
    }

    private void startOn(Stream stream, EngineLease lease) {
        StartStreamResponse response;
        try {
            response = lease.connection().startStream(StreamMessages.request(stream), config.engineCallTimeout());
        } catch (StatusRuntimeException e) {
            lease.close();
            if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                fail(
                        stream,
                        new StreamError(
                                ErrorCode.SQL_ERROR.name(),
                                "Spark refused the stream: " + e.getStatus().getDescription()));
            } else if (!closed) {
                engineLost(stream, "engine " + lease.engineId() + " did not start the stream: " + e.getStatus());
            }
            return;
        }
        RunningStream runningStream = new RunningStream(stream, lease, config.progressHistory(), clock.instant());
        // in the map before it is RUNNING in the store: a stop request in between finds it
        running.put(stream.id(), runningStream);
        Instant now = clock.instant();
        boolean started = streams.markRunning(
                stream.id(),
                lease.engineId(),
                now,
                draft(
                        stream,
                        EventType.STARTED,
                        now,
                        data(
                                "engine_id", lease.engineId(),
                                "restarts", stream.restarts(),
                                "query_id", response.getQueryId(),
                                "run_id", response.getRunId())));
        if (!started) {
            // stopped (or failed) while it started
            if (running.remove(stream.id(), runningStream)) {
                stopQuietly(runningStream);
                lease.close();
            }
            return;
        }
        log.info(
                "Stream {} of {} runs on engine {} (query {}, restarts {})",
                stream.id(),
                stream.owner(),
                lease.engineId(),
                response.getQueryId(),
                stream.restarts());
    }

    private void reattach(Stream stream) {
        EngineLease lease;
        try {
            lease = engines.acquireEngine(stream.engineId());
        } catch (HearthException e) {
            requeue(stream, "the gateway restarted and engine " + stream.engineId() + " did not come back");
            return;
        }
        StreamStatusResponse status;
        try {
            status = lease.connection().streamStatus(stream.id().value(), -1, STATUS_TIMEOUT);
        } catch (StatusRuntimeException e) {
            lease.close();
            requeue(stream, "the gateway restarted and engine " + stream.engineId() + " no longer ran the stream");
            return;
        }
        RunningStream runningStream = new RunningStream(stream, lease, config.progressHistory(), clock.instant());
        running.put(stream.id(), runningStream);
        // a stop request may have come while it was being taken back
        if (streams.find(stream.id()).map(found -> found.state().isTerminal()).orElse(true)) {
            if (running.remove(stream.id(), runningStream)) {
                stopQuietly(runningStream);
                lease.close();
            }
            return;
        }
        log.info("Re-attached stream {} on engine {}", stream.id(), stream.engineId());
        apply(runningStream, status);
    }

    /** Starts a stream again from its checkpoint without counting a restart (the gateway restarted). */
    private void requeue(Stream stream, String reason) {
        if (streams.markQueued(
                stream.id(),
                stream.restarts(),
                stream.restarts(),
                draft(stream, EventType.QUEUED, clock.instant(), data("reason", reason)))) {
            log.info("Starting stream {} again from its checkpoint: {}", stream.id(), reason);
            streams.find(stream.id()).ifPresent(this::run);
        }
    }

    private void engineLost(Stream stream, String reason) {
        if (stream.state().isTerminal() || closed) {
            return;
        }
        if (stream.restarts() >= config.maxRestarts()) {
            fail(
                    stream,
                    new StreamError(
                            ErrorCode.ENGINE_LOST.name(),
                            reason + "; the stream was restarted " + stream.restarts()
                                    + " times already (streams.max-restarts)"));
            return;
        }
        int restarts = stream.restarts() + 1;
        if (streams.markQueued(
                stream.id(),
                stream.restarts(),
                restarts,
                draft(stream, EventType.QUEUED, clock.instant(), data("reason", reason, "restart", restarts)))) {
            log.warn(
                    "Restarting stream {} from its checkpoint ({} of {}): {}",
                    stream.id(),
                    restarts,
                    config.maxRestarts(),
                    reason);
            streams.find(stream.id()).ifPresent(this::run);
        }
    }

    private void pollAll() {
        for (RunningStream runningStream : running.values()) {
            try {
                poll(runningStream);
            } catch (RuntimeException e) {
                log.warn("Polling stream {} failed", runningStream.id(), e);
            }
        }
    }

    private void poll(RunningStream runningStream) {
        StreamStatusResponse status;
        try {
            status = runningStream
                    .lease()
                    .connection()
                    .streamStatus(runningStream.id().value(), runningStream.lastBatchId(), STATUS_TIMEOUT);
        } catch (StatusRuntimeException e) {
            // an engine that ended before this stream was in the map was not seen by engineEnded
            Optional<String> lost = runningStream.lease().connection().lostReason();
            if ((e.getStatus().getCode() == Status.Code.NOT_FOUND || lost.isPresent())
                    && running.remove(runningStream.id(), runningStream)) {
                runningStream.lease().close();
                saveProgress(runningStream);
                String reason = lost.map(why -> "engine " + runningStream.engineId() + " was lost: " + why)
                        .orElse("engine " + runningStream.engineId() + " no longer runs the stream");
                submit(() -> streams.find(runningStream.id()).ifPresent(stream -> engineLost(stream, reason)));
            }
            // otherwise the engine is slow, or its end is on its way (engineEnded)
            return;
        }
        apply(runningStream, status);
    }

    private void apply(RunningStream runningStream, StreamStatusResponse status) {
        List<StreamProgress> fresh = runningStream.record(
                status.getProgressList().stream().map(StreamMessages::progress).toList());
        Instant now = clock.instant();
        if (!fresh.isEmpty() && runningStream.progressDue(now, config.progressInterval())) {
            StreamProgress latest = fresh.get(fresh.size() - 1);
            outbox.append(draft(runningStream.stream(), EventType.PROGRESS, now, StreamEvents.progress(latest)));
            streams.saveProgress(runningStream.id(), runningStream.recent());
        }
        switch (status.getState()) {
            case STOPPED -> {
                if (running.remove(runningStream.id(), runningStream)) {
                    runningStream.lease().close();
                    saveProgress(runningStream);
                    streams.markStopped(
                            runningStream.id(),
                            now,
                            draft(runningStream.stream(), EventType.STOPPED, now, data("reason", "the query ended")));
                    log.info("Stream {} ended", runningStream.id());
                }
            }
            case FAILED -> {
                if (running.remove(runningStream.id(), runningStream)) {
                    runningStream.lease().close();
                    saveProgress(runningStream);
                    fail(runningStream.stream(), new StreamError(ErrorCode.SQL_ERROR.name(), status.getErrorMessage()));
                }
            }
            case ACTIVE, STATE_UNSPECIFIED, UNRECOGNIZED -> {
                // runs on
            }
        }
    }

    private void fail(Stream stream, StreamError error) {
        Instant now = clock.instant();
        if (streams.markFailed(
                stream.id(),
                error,
                now,
                draft(
                        stream,
                        EventType.FAILED,
                        now,
                        data("error_code", error.errorCode(), "message", error.message())))) {
            log.info("Stream {} failed: {}", stream.id(), error.message());
        }
    }

    private void saveProgress(RunningStream runningStream) {
        List<StreamProgress> recent = runningStream.recent();
        if (!recent.isEmpty()) {
            try {
                streams.saveProgress(runningStream.id(), recent);
            } catch (HearthException e) {
                log.warn("Could not store the progress of stream {}: {}", runningStream.id(), e.getMessage());
            }
        }
    }

    private void stopQuietly(RunningStream runningStream) {
        try {
            runningStream.lease().connection().stopStream(runningStream.id().value(), config.engineCallTimeout());
        } catch (StatusRuntimeException e) {
            log.warn("Stopping stream {} failed: {}", runningStream.id(), e.getStatus());
        }
    }

    private void submit(Runnable work) {
        try {
            starters.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("Stream supervision failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the gateway stops: the next one takes the stream back
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops supervising; the streams go on on their engines (or end with them) and the next gateway takes them back. */
    @Override
    public void close() {
        closed = true;
        poller.shutdownNow();
        starters.shutdownNow();
        try {
            if (!poller.awaitTermination(5, TimeUnit.SECONDS) || !starters.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Stream supervision threads did not stop within 5s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.values().forEach(runningStream -> saveProgress(runningStream));
        running.clear();
    }
}
