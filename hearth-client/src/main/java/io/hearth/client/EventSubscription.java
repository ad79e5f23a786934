package io.hearth.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One open event stream, read with {@link #next()}. A broken connection is opened again after the
 * last event received ({@code Last-Event-ID}), up to {@value #MAX_RECONNECTS} times in a row; a
 * resource's stream ends after its terminal event. Not thread-safe; {@link #close()} may be called
 * from another thread to stop a blocked {@link #next()}.
 */
public final class EventSubscription implements AutoCloseable {
    /** Reconnections in a row without an event in between before {@link #next()} gives up. */
    public static final int MAX_RECONNECTS = 5;

    private static final Set<EventType> TERMINAL =
            Set.of(EventType.SUCCEEDED, EventType.FAILED, EventType.CANCELED, EventType.STOPPED, EventType.LOST);

    private final RestTransport transport;
    private final String path;
    private final boolean endsAtTerminal;
    private OptionalLong lastSequence;
    private BufferedReader reader;
    private boolean ended;
    private volatile boolean closed;

    EventSubscription(RestTransport transport, String path, OptionalLong after, boolean endsAtTerminal) {
        this.transport = requireNonNull(transport, "transport is null");
        this.path = requireNonNull(path, "path is null");
        this.lastSequence = requireNonNull(after, "after is null");
        this.endsAtTerminal = endsAtTerminal;
    }

    /**
     * Waits for the next event; empty once the stream ended (a resource's terminal event came) or
     * the subscription was closed.
     *
     * @throws HearthClientException when the gateway refuses the stream (404 for a resource that is
     *     not the caller's)
     * @throws HearthConnectionException when it cannot be reached {@value #MAX_RECONNECTS} times in a row
     */
    public Optional<HearthEvent> next() {
        int failures = 0;
        while (!ended && !closed) {
            try {
                if (reader == null) {
                    InputStream in = transport.eventStream(path, lastSequence);
                    reader = new BufferedReader(new InputStreamReader(in, UTF_8));
                }
                Optional<HearthEvent> event = readEvent();
                if (event.isPresent()) {
                    lastSequence = OptionalLong.of(event.get().sequence());
                    if (endsAtTerminal && TERMINAL.contains(event.get().type())) {
                        ended = true;
                        closeReader();
                    }
                    return event;
                }
                // the server ended the stream before a terminal event (it stopped): open it again
                failures = failed(failures, new IOException("the gateway ended the stream"));
            } catch (IOException e) {
                failures = failed(failures, e);
            } catch (HearthConnectionException e) {
                failures = failed(failures, e.getCause());
            }
            if (closed) {
                break;
            }
            pause(failures);
        }
        return Optional.empty();
    }

    /** Counts a broken or ended connection; throws once there were too many in a row. */
    private int failed(int failures, IOException cause) {
        closeReader();
        if (!closed && failures + 1 > MAX_RECONNECTS) {
            throw new HearthConnectionException(
                    transport.server(),
                    "the event stream " + path + " from " + transport.server() + " broke " + (failures + 1)
                            + " times in a row: " + cause,
                    cause);
        }
        return failures + 1;
    }

    /** The frame's event, or empty at the end of the stream; comments and unknown fields are skipped. */
    private Optional<HearthEvent> readEvent() throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    try {
                        return Optional.of(transport.mapper().readValue(data.toString(), HearthEvent.class));
                    } catch (IOException e) {
                        throw new UncheckedIOException("the gateway sent an event that is not one: " + data, e);
                    }
                }
                continue;
            }
            if (line.startsWith("data:")) {
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
        return Optional.empty();
    }

    private static void pause(int failures) {
        try {
            Thread.sleep(Math.min(5000L, 200L << Math.min(failures, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HearthConnectionException(
                    null, "interrupted while waiting to reconnect", new java.io.InterruptedIOException("interrupted"));
        }
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // already broken
            }
            reader = null;
        }
    }

    /** Hangs up; a {@link #next()} waiting in another thread returns empty or throws. */
    @Override
    public void close() {
        closed = true;
        BufferedReader open = reader;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // already broken
            }
        }
    }
}
