package io.hearth.api.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The gateway's engine pool as {@code GET /v1/pool} shows it: counts over all users, never whose
 * work they are (the same numbers {@code /metrics} carries as {@code hearth_engine_queue_length},
 * {@code hearth_engine_admitted} and {@code hearth_engines}).
 *
 * @param queueLength requests waiting in the admission queue now for an engine to take them
 * @param admitted work admitted (counted against {@code engine.queue.max-size}) and not yet holding
 *     an engine: the waiting requests and those whose engine is being found or started
 * @param queueMaxSize the most admitted work at once ({@code engine.queue.max-size}); more is
 *     refused with 429
 * @param maxTotal the most live engines ({@code engine.max-total})
 * @param engines the engines this gateway supervises, by state, every state present (ended engines:
 *     the latest ones the gateway still remembers)
 * @param sampledAt when these counts were read
 */
public record PoolStatus(
        int queueLength,
        int admitted,
        int queueMaxSize,
        int maxTotal,
        Map<EngineState, Integer> engines,
        Instant sampledAt) {

    public PoolStatus {
        // every state, in the enum's order, so the answer reads the same every time
        EnumMap<EngineState, Integer> all = new EnumMap<>(EngineState.class);
        for (EngineState state : EngineState.values()) {
            all.put(state, engines.getOrDefault(state, 0));
        }
        engines = Collections.unmodifiableMap(all);
    }
}
