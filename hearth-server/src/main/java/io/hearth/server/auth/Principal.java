package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Who is asking. Every stored record carries its owner's name.
 *
 * @param groups the groups authentication found, primary first (none until an authenticator that
 *     knows groups is configured)
 */
public record Principal(String name, List<String> groups) {
    public Principal {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("principal name is blank");
        }
        groups = List.copyOf(groups);
    }

    public Principal(String name) {
        this(name, List.of());
    }

    /** The group a GROUP-level engine is keyed by: the first group, or the user's own name without one. */
    public String primaryGroup() {
        return groups.isEmpty() ? name : groups.get(0);
    }
}
