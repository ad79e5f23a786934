package io.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first {@code select 1} on a fresh gateway, which launches its engine, while a second thread
 * watches {@code GET /v1/engines} to see when the engine leaves STARTING (registered and ready).
 */
final class EngineColdStart {
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(50);
    private static final Duration WATCH_LIMIT = Duration.ofMinutes(3);

    /**
     * @param firstSelectNanos submit of the first statement to its answer
     * @param requestToReadyNanos submit of the first statement to the engine first seen ready, or -1
     * @param startedToReadyMillis the engine's started_at to the moment it was first seen ready, or NaN
     * @param engineState the state it was first seen in after STARTING
     */
    record Result(long firstSelectNanos, long requestToReadyNanos, double startedToReadyMillis, String engineState) {}

    private record Ready(long nanos, Instant at, Instant startedAt, String state) {}

    private EngineColdStart() {}

    static Result measure(HearthRestClient client, RestScenarios rest) throws IOException, InterruptedException {
        AtomicReference<Ready> ready = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread watcher = new Thread(() -> watch(client, ready, failure), "engine-watcher");
        watcher.setDaemon(true);
        long start = System.nanoTime();
        watcher.start();
        long firstSelect;
        try {
            firstSelect = rest.selectOne();
        } finally {
            watcher.join(WATCH_LIMIT.toMillis());
            watcher.interrupt();
        }
        Ready seen = ready.get();
        if (seen == null) {
            return new Result(
                    firstSelect,
                    -1,
                    Double.NaN,
                    failure.get() == null ? "not seen" : failure.get().toString());
        }
        double startedToReady = seen.startedAt() == null
                ? Double.NaN
                : Duration.between(seen.startedAt(), seen.at()).toNanos() / 1e6;
        return new Result(firstSelect, seen.nanos() - start, startedToReady, seen.state());
    }

    private static void watch(
            HearthRestClient client, AtomicReference<Ready> ready, AtomicReference<Exception> failure) {
        long deadline = System.nanoTime() + WATCH_LIMIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Optional<Ready> seen = readyEngine(client.engines());
                if (seen.isPresent()) {
                    ready.set(seen.get());
                    return;
                }
                Thread.sleep(WATCH_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure.set(e);
        }
    }

    private static Optional<Ready> readyEngine(JsonNode list) {
        long now = System.nanoTime();
        Instant at = Instant.now();
        for (JsonNode engine : list.path("engines")) {
            String state = engine.path("state").asText();
            if (state.equals("IDLE") || state.equals("BUSY")) {
                String startedAt = engine.path("started_at").asText(null);
                return Optional.of(new Ready(now, at, startedAt == null ? null : Instant.parse(startedAt), state));
            }
        }
        return Optional.empty();
    }
}
