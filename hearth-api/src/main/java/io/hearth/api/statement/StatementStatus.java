package io.hearth.api.statement;

import io.hearth.api.StatementState;

/** A statement's state, and its error when it failed. */
public record StatementStatus(StatementState state, StatementError error) {}
