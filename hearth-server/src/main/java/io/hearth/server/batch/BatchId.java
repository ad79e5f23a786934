package io.hearth.server.batch;

import static java.util.Objects.requireNonNull;

/** A batch's id, chosen by the gateway. */
public record BatchId(String value) {
    public BatchId {
        requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
        return value;
    }
}
