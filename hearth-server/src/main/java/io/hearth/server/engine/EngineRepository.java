package io.hearth.server.engine;

import io.hearth.api.engine.EngineState;
import java.time.Instant;
import java.util.List;

/** The engines this gateway launched, kept so that a restarted gateway can take them back. */
public interface EngineRepository {
    /** An engine was launched (state STARTING). */
    void insert(EngineRecord engine);

    /** The engine registered (again): where it serves, and its pid. */
    void registered(String engineId, String host, int port, long pid);

    /** A warm engine was claimed: what it serves now. */
    void assigned(String engineId, String shareKey);

    /** The engine ended in a final state, with why. */
    void ended(String engineId, EngineState state, String reason, Instant at);

    /** Engines not recorded as ended: a gateway that starts tries to take them back. */
    List<EngineRecord> findLive();

    /** Keeps nothing: for pools that need no restart (tests that build a pool alone). */
    EngineRepository NONE = new EngineRepository() {
        @Override
        public void insert(EngineRecord engine) {}

        @Override
        public void registered(String engineId, String host, int port, long pid) {}

        @Override
        public void assigned(String engineId, String shareKey) {}

        @Override
        public void ended(String engineId, EngineState state, String reason, Instant at) {}

        @Override
        public List<EngineRecord> findLive() {
            return List.of();
        }
    };
}
