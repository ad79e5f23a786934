package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

/** A statement's id, chosen by the gateway. */
public record StatementId(String value) {
    public StatementId {
        requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
        return value;
    }
}
