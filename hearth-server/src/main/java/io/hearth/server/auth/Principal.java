package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Who is asking. Every stored record carries its owner's name.
 *
 * @param groups the groups authentication found, primary first (none when the method knows no groups)
 * @param admin whether the principal has the {@code admin} role: admins see and act on everyone's
 *     work; everyone else has the {@code user} role and sees only their own
 */
public record Principal(String name, List<String> groups, boolean admin) {
    public Principal {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("principal name is blank");
        }
        groups = List.copyOf(groups);
    }

    public Principal(String name, List<String> groups) {
        this(name, groups, false);
    }

    public Principal(String name) {
        this(name, List.of());
    }

    /** The group a GROUP-level engine is keyed by: the first group, or the user's own name without one. */
    public String primaryGroup() {
        return groups.isEmpty() ? name : groups.get(0);
    }

    /** Whether this principal may see and act on work owned by {@code owner}. */
    public boolean mayAccess(String owner) {
        return admin || name.equals(owner);
    }
}
