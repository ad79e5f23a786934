package io.hearth.server.stream;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.event.EventType;
import io.hearth.api.stream.StreamProgress;
import io.hearth.api.stream.StreamRequest;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.engine.EngineSelector;
import io.hearth.server.event.EventTargets;
import io.hearth.server.event.Outbox;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams: long-running Structured Streaming queries in the engines of their owners. A stream is
 * stored QUEUED (with its event) before anything runs, so an accepted stream is never lost: after
 * a gateway restart it is attached again on its engine, or started again from its checkpoint.
 */
public final class StreamService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamService.class);

    private final StreamRepository streams;
    private final EngineSelector engines;
    private final StreamConfig config;
    private final Clock clock;
    private final Supplier<StreamId> ids;
    private final StreamSupervisor supervisor;
    private final EventTargets eventTargets;

    public StreamService(
            StreamRepository streams,
            EngineSelector engines,
            Outbox outbox,
            StreamConfig config,
            EventTargets eventTargets,
            Clock clock,
            Supplier<StreamId> ids) {
        this.streams = requireNonNull(streams, "streams is null");
        this.eventTargets = requireNonNull(eventTargets, "eventTargets is null");
        this.engines = requireNonNull(engines, "engines is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.supervisor = new StreamSupervisor(streams, engines, outbox, config, clock);
    }

    /**
     * Accepts a stream: checks it, stores it QUEUED, and starts it on an engine in the background.
     *
     * @throws HearthException INVALID_PARAMETER_VALUE naming the field that is wrong, including a
     *     context that does not exist or is not the caller's
     */
    public Stream submit(Principal principal, StreamRequest request) {
        requireNonNull(principal, "principal is null");
        requireNonNull(request, "request is null");
        StreamId id = ids.get();
        StreamSpec spec = StreamRequests.validate(request, id, config.checkpointDirectory());
        eventTargets.validate(request.externalId(), request.callbackUrl());
        String context = engines.checkContext(principal, request.context());
        Stream stream = Stream.accepted(
                id,
                principal.name(),
                request.name(),
                context,
                spec,
                request.externalId(),
                request.callbackUrl(),
                // the store keeps microseconds: the answer shows what a later read will
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        streams.insert(
                stream,
                StreamEvents.draft(
                        stream,
                        EventType.QUEUED,
                        stream.createdAt(),
                        StreamEvents.data(
                                "name", stream.name(),
                                "context", context,
                                "source", spec.source().format(),
                                "sink", spec.sink().format())));
        log.info(
                "Accepted stream {} of {}: {} to {}",
                id,
                principal.name(),
                spec.source().format(),
                spec.sink().format());
        supervisor.launch(stream);
        return stream;
    }

    /** A stream the principal may see (their own; any for an admin); NOT_FOUND otherwise, as for no stream. */
    public Stream find(Principal principal, StreamId id) {
        return streams.find(id)
                .filter(stream -> principal.mayAccess(stream.owner()))
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "stream " + id + " does not exist"));
    }

    /** The streams a listing shows, newest first, after a page start. */
    public List<Stream> list(OwnerFilter filter, Optional<StreamPage> page, int limit) {
        return filter.matchesNothing() ? List.of() : streams.list(filter.owner(), page, limit);
    }

    /** The stream's latest micro-batches: live while this gateway supervises it, else as stored. */
    public List<StreamProgress> progress(Stream stream) {
        return supervisor.liveProgress(stream.id()).orElse(stream.progress());
    }

    /** Stops a stream and waits for its query to end; a finished stream is returned unchanged. */
    public Stream stop(Principal principal, StreamId id) {
        Stream stream = find(principal, id);
        if (stream.state().isTerminal()) {
            return stream;
        }
        supervisor.stop(stream, "stopped on request of " + principal.name());
        return find(principal, id);
    }

    /** An engine ended (see {@code EnginePool#onEngineEnded}): its streams restart elsewhere. */
    public void engineEnded(String engineId) {
        supervisor.engineEnded(engineId);
    }

    /**
     * Takes back the streams a previous run of the gateway left QUEUED or RUNNING.
     *
     * @param recoveringEngines the engines that may register again (their streams may still run)
     */
    public int recoverStreams(Set<String> recoveringEngines) {
        List<Stream> unfinished = streams.findUnfinished();
        for (Stream stream : unfinished) {
            supervisor.recover(stream, recoveringEngines);
        }
        if (!unfinished.isEmpty()) {
            log.info("Taking back {} streams left unfinished by the previous gateway", unfinished.size());
        }
        return unfinished.size();
    }

    @Override
    public void close() {
        supervisor.close();
    }
}
