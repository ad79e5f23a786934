package io.hearth.api.statement;

import io.hearth.api.StatementState;

/**
 * A statement's (or job's) state, its error when it failed, and its progress while it runs on an
 * engine (null otherwise).
 */
public record StatementStatus(StatementState state, StatementError error, Progress progress) {}
