package io.hearth.api.engine;

/** The life of an engine JVM as the gateway sees it. */
public enum EngineState {
    STARTING,
    IDLE,
    BUSY,
    STOPPING,
    STOPPED,
    /** It exited or stopped answering without being asked to stop. */
    LOST,
    /** It never became ready. */
    FAILED;

    public boolean isTerminal() {
        return switch (this) {
            case STARTING, IDLE, BUSY, STOPPING -> false;
            case STOPPED, LOST, FAILED -> true;
        };
    }
}
