package io.hearth.server.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.event.ResourceKind;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes stored events as a {@code text/event-stream} (Server-Sent Events): {@code id:} the
 * sequence, {@code event:} the type, {@code data:} the event's JSON. It polls the outbox (no busy
 * loop), never goes past the {@link SettledHorizon} (so no event is skipped), sends a comment every
 * {@code heartbeat} so proxies and clients know the stream lives, and ends after a resource's
 * terminal event, when the client went away, or when the gateway stops.
 */
public final class EventStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    /** A comment line this often keeps idle connections open through proxies. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final Set<EventType> TERMINAL_WORK =
            Set.of(EventType.SUCCEEDED, EventType.FAILED, EventType.CANCELED);
    private static final Set<EventType> TERMINAL_LIFE = Set.of(EventType.STOPPED, EventType.LOST, EventType.FAILED);

    private final EventLog events;
    private final Duration pollInterval;
    private final Duration gapTimeout;
    private final Duration heartbeat;
    private final int batchSize;
    private final Clock clock;
    private volatile boolean closed;

    public EventStreams(EventLog events, EventsConfig config, Duration heartbeat, Clock clock) {
        this.events = requireNonNull(events, "events is null");
        this.pollInterval = config.dispatch().pollInterval();
        this.gapTimeout = config.dispatch().gapTimeout();
        this.batchSize = config.dispatch().batchSize();
        this.heartbeat = requireNonNull(heartbeat, "heartbeat is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The sequence of the latest event stored, where a stream that replays nothing starts. */
    long latestSequence() {
        return events.latestSequence();
    }

    /** Whether {@code type} is the last event a resource of {@code kind} emits. */
    public static boolean isTerminal(ResourceKind kind, EventType type) {
        return switch (kind) {
            case STATEMENT, JOB, BATCH -> TERMINAL_WORK.contains(type);
            case SESSION, ENGINE, STREAM -> TERMINAL_LIFE.contains(type);
        };
    }

    /**
     * Streams the events matching {@code query} after {@code after} until the client disconnects
     * or the gateway stops; with {@code endAtTerminal}, until the resource's terminal event too.
     *
     * @param matchesNothing stream only heartbeats (a user asking for another's events)
     */
    public void stream(EventQuery query, long after, boolean endAtTerminal, boolean matchesNothing, OutputStream out)
            throws InterruptedException {
        SettledHorizon horizon = new SettledHorizon(events, gapTimeout, batchSize, clock);
        long cursor = after;
        Instant lastWrite = clock.instant();
        try {
            out.write(": hearth events\n\n".getBytes(UTF_8));
            out.flush();
            while (!closed) {
                long signal = EventSignal.generation();
                int written = 0;
                if (!matchesNothing) {
                    long settled = horizon.advance();
                    if (settled > cursor) {
                        List<OutboxEntry> batch = events.after(cursor, query, batchSize);
                        boolean reachedHorizon = batch.size() < batchSize;
                        for (OutboxEntry entry : batch) {
                            HearthEvent event = entry.event();
                            if (event.sequence() > settled) {
                                reachedHorizon = true;
                                break;
                            }
                            write(out, event);
                            written++;
                            cursor = event.sequence();
                            if (endAtTerminal && isTerminal(event.kind(), event.type())) {
                                out.flush();
                                return;
                            }
                        }
                        if (reachedHorizon) {
                            // every matching event up to the horizon is out: read on from there
                            cursor = Math.max(cursor, settled);
                        }
                    }
                }
                Instant now = clock.instant();
                if (written > 0) {
                    out.flush();
                    lastWrite = now;
                    continue;
                }
                if (!now.isBefore(lastWrite.plus(heartbeat))) {
                    out.write(": heartbeat\n\n".getBytes(UTF_8));
                    out.flush();
                    lastWrite = now;
                }
                // woken early when this gateway stores an event; another gateway's are found by polling
                EventSignal.await(signal, pollInterval);
            }
        } catch (IOException e) {
            log.debug("An event stream's client went away: {}", e.toString());
        }
    }

    private static void write(OutputStream out, HearthEvent event) throws IOException {
        // EventJson writes one line: no newline inside the data field
        String frame = "id: " + event.sequence() + "\nevent: " + event.type().name() + "\ndata: "
                + EventJson.toJson(event) + "\n\n";
        out.write(frame.getBytes(UTF_8));
    }

    /** Ends every open stream at its next poll: the gateway stops. */
    @Override
    public void close() {
        closed = true;
    }
}
