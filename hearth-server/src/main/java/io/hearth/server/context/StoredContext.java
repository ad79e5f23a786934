package io.hearth.server.context;

import static java.util.Objects.requireNonNull;

import io.hearth.api.context.ContextRequest;
import java.time.Instant;

/**
 * A context made through the API, as stored: its definition as given (absent fields keep following
 * the server's defaults), who made it and when.
 */
public record StoredContext(String name, ContextRequest spec, String createdBy, Instant createdAt, Instant updatedAt) {
    public StoredContext {
        requireNonNull(name, "name is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
