package io.hearth.server.event;

import static java.util.Objects.requireNonNull;

import io.hearth.api.event.ResourceKind;
import java.util.Optional;

/**
 * Which events a reader wants: one owner's (empty: everyone's, for admins and channels), of one
 * kind, of one resource.
 */
public record EventQuery(Optional<String> owner, Optional<ResourceKind> kind, Optional<String> id) {
    public EventQuery {
        requireNonNull(owner, "owner is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
    }

    public static EventQuery all() {
        return new EventQuery(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static EventQuery resource(ResourceKind kind, String id) {
        return new EventQuery(Optional.empty(), Optional.of(kind), Optional.of(id));
    }
}
