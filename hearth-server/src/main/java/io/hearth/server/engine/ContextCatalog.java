package io.hearth.server.engine;

import io.hearth.server.auth.Principal;
import java.util.List;
import java.util.Optional;

/** Where the pool finds contexts: the configured {@code default} and those made through the API. */
public interface ContextCatalog {
    Optional<EngineContext> find(String name);

    /**
     * The context if the principal may use it (its ACL); empty both when there is none and when
     * they may not, so the two cannot be told apart.
     */
    Optional<EngineContext> find(Principal principal, String name);

    /** Every context, for keeping their idle engines. */
    List<EngineContext> all();
}
