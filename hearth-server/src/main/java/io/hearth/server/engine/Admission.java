package io.hearth.server.engine;

/** A place in the admission queue (see {@link EngineSelector#admit}); closing it twice is harmless. */
public interface Admission extends AutoCloseable {
    @Override
    void close();

    /** For work that does not wait for engine capacity. */
    static Admission none() {
        return () -> {};
    }
}
