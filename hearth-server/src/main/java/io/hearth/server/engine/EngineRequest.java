package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.server.auth.Principal;
import java.util.Optional;

/**
 * Who needs an engine, of which context.
 *
 * @param context the context's name; empty for {@code default}
 * @param connection what a CONNECTION-level engine is exclusive to: the session being opened, or
 *     the one statement or job run outside a session
 */
public record EngineRequest(Principal principal, Optional<String> context, String connection) {
    public EngineRequest {
        requireNonNull(principal, "principal is null");
        requireNonNull(context, "context is null");
        requireNonNull(connection, "connection is null");
    }

    public String contextName() {
        return context.orElse(EngineContext.DEFAULT);
    }
}
