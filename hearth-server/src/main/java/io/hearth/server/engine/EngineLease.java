package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

/** One statement's use of an engine: counted as running on it until closed. */
public final class EngineLease implements AutoCloseable {
    private final ManagedEngine engine;
    private final Runnable onClose;
    private boolean closed;

    EngineLease(ManagedEngine engine, Runnable onClose) {
        this.engine = requireNonNull(engine, "engine is null");
        this.onClose = requireNonNull(onClose, "onClose is null");
        engine.leaseStarted();
    }

    public EngineConnection connection() {
        return engine.connection();
    }

    public String engineId() {
        return engine.id();
    }

    /**
     * Counts a session as open on the engine until {@link EnginePool#sessionClosed}: an engine with
     * open sessions is not stopped for idleness, and a CONNECTION-level one lives as long as its
     * session.
     */
    public void holdForSession() {
        engine.sessionOpened();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        engine.leaseEnded();
        onClose.run();
    }
}
