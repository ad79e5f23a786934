package io.hearth.server.engine;

import java.util.List;
import java.util.Optional;

/** Where the pool finds contexts: the configured {@code default} and those made through the API. */
public interface ContextCatalog {
    Optional<EngineContext> find(String name);

    /** Every context, for keeping their idle engines. */
    List<EngineContext> all();
}
