package io.hearth.server.event;

import static io.hearth.server.TestingHearth.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Reads Server-Sent Events from a streaming response, with a deadline, and hangs up when closed. */
final class SseReader implements AutoCloseable {
    /** One event as the stream framed it. */
    record Frame(long id, String type, JsonNode data) {}

    private final Stream<String> lines;
    private final Iterator<String> iterator;
    private final List<String> comments = new ArrayList<>();

    SseReader(HttpResponse<Stream<String>> response) {
        this.lines = response.body();
        this.iterator = lines.iterator();
    }

    /** The next {@code count} events, failing when they do not come within 10 s. */
    List<Frame> next(int count) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(nextFrame());
        }
        return frames;
    }

    /** Every event until the server ends the stream (a resource's stream ends after its terminal event). */
    List<Frame> untilEnd() {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Frame frame = nextFrame();
            if (frame == null) {
                return frames;
            }
            frames.add(frame);
        }
    }

    List<String> comments() {
        return comments;
    }

    /** The next event, or null when the stream ended. */
    private Frame nextFrame() {
        CompletableFuture<Frame> next = CompletableFuture.supplyAsync(this::read);
        try {
            return next.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no event within 10 s");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Frame read() {
        Long id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        while (iterator.hasNext()) {
            String line = iterator.next();
            if (line.isEmpty()) {
                if (type != null) {
                    return new Frame(id, type, json(data.toString()));
                }
                continue;
            }
            if (line.startsWith(":")) {
                comments.add(line);
            } else if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            } else if (line.startsWith("event: ")) {
                type = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        return null;
    }

    @Override
    public void close() {
        lines.close();
    }
}
