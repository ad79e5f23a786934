package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.statement.StatementResponse;
import java.time.Duration;

/**
 * The caller's timeout passed before a statement finished. The statement keeps running on the
 * gateway: cancel it ({@link Statements#cancel}) or keep waiting ({@link Statements#await}).
 */
public final class StatementTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient StatementResponse statement;

    public StatementTimeoutException(StatementResponse statement, Duration timeout) {
        super("statement " + requireNonNull(statement, "statement is null").statementId() + " is still "
                + statement.status().state() + " after " + timeout);
        this.statement = statement;
    }

    /** The statement as last seen. */
    public StatementResponse statement() {
        return statement;
    }

    public String statementId() {
        return statement.statementId();
    }
}
