package io.hearth.api.session;

/** The life of a session. OPEN takes statements; CLOSED is final and says why in its close reason. */
public enum SessionState {
    OPEN,
    CLOSED;

    public boolean isTerminal() {
        return switch (this) {
            case OPEN -> false;
            case CLOSED -> true;
        };
    }
}
