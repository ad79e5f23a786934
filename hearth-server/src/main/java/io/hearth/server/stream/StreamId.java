package io.hearth.server.stream;

import static java.util.Objects.requireNonNull;

/** A stream's id, chosen by the gateway. */
public record StreamId(String value) {
    public StreamId {
        requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
        return value;
    }
}
