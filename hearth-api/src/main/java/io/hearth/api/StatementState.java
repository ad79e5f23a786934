package io.hearth.api;

/** The life of a statement. PENDING and RUNNING move on; the others are final. */
public enum StatementState {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELED,
    /** The statement succeeded once, but its result has expired and was deleted. */
    CLOSED;

    public boolean isTerminal() {
        return switch (this) {
            case PENDING, RUNNING -> false;
            case SUCCEEDED, FAILED, CANCELED, CLOSED -> true;
        };
    }
}
