package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

/** One statement's use of an engine: counted as running on it until closed. */
public final class EngineLease implements AutoCloseable {
    private final ManagedEngine engine;
    private boolean closed;

    EngineLease(ManagedEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
        engine.leaseStarted();
    }

    public EngineConnection connection() {
        return engine.connection();
    }

    public String engineId() {
        return engine.id();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            engine.leaseEnded();
        }
    }
}
