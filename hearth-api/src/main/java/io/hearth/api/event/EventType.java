package io.hearth.api.event;

/** What happened to a resource. Which types a kind emits is listed in docs/events.md. */
public enum EventType {
    /** Accepted and stored, waiting for an engine. */
    QUEUED,
    /** Running (a statement or job on its engine, a batch's application, a stream's query; an engine ready). */
    STARTED,
    /** How far running work has got: stages and tasks, rows, a stream's batch figures. */
    PROGRESS,
    /** A log line of the work (opt-in). */
    LOG,
    /** Finished well; statements and jobs carry their result manifest (and small results inline). */
    SUCCEEDED,
    /** Finished with an error, which the event carries. */
    FAILED,
    /** Canceled on request. */
    CANCELED,
    /** Ended on request or when idle (engines, sessions, streams). */
    STOPPED,
    /** Ended without being asked: an engine that died, a session whose engine died. */
    LOST
}
