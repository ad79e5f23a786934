package io.hearth.server.session;

import static java.util.Objects.requireNonNull;

/** A session's id, chosen by the gateway. */
public record SessionId(String value) {
    public SessionId {
        requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
        return value;
    }
}
