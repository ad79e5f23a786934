package io.hearth.api.stream;

/** The life of a stream. QUEUED and RUNNING move on; STOPPED and FAILED are final. */
public enum StreamState {
    /** Accepted and stored; waiting for its engine (also while it is restarted after an engine loss). */
    QUEUED,
    /** Its query runs on an engine. */
    RUNNING,
    /** Stopped on request, or ended by itself (an available-now trigger). */
    STOPPED,
    /** Spark refused or ended the query with an error, or its engine was lost too often. */
    FAILED;

    public boolean isTerminal() {
        return switch (this) {
            case QUEUED, RUNNING -> false;
            case STOPPED, FAILED -> true;
        };
    }
}
