package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

/** Who is asking. Every stored record carries its owner's name. */
public record Principal(String name) {
    public Principal {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("principal name is blank");
        }
    }
}
