package io.hearth.server.statement;

/** What a unit of work runs: SQL text, or a job of a function. Both share one lifecycle. */
public enum WorkKind {
    STATEMENT,
    JOB
}
