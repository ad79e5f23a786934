package io.hearth.api.batch;

/** The life of a batch. PENDING and RUNNING move on; the others are final. */
public enum BatchState {
    /** Accepted and stored; waiting for a free batch slot ({@code batch.max-running}). */
    PENDING,
    /** Its Spark application runs in a process of its own. */
    RUNNING,
    /** The application exited with status 0. */
    SUCCEEDED,
    /** The application exited with another status, could not start, or the gateway stopped. */
    FAILED,
    /** Killed on request ({@code DELETE /v1/batches/{id}}). */
    KILLED;

    public boolean isTerminal() {
        return switch (this) {
            case PENDING, RUNNING -> false;
            case SUCCEEDED, FAILED, KILLED -> true;
        };
    }
}
