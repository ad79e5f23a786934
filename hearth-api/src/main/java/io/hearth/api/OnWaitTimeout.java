package io.hearth.api;

/** What happens to a statement still running when its {@code wait_timeout} passes. */
public enum OnWaitTimeout {
    /** Answer with the statement's id and state; it keeps running, the client polls. */
    CONTINUE,
    /** Cancel the statement and answer with state CANCELED. */
    CANCEL
}
