package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.StatementState;
import io.hearth.api.statement.StatementError;
import io.hearth.api.statement.StatementResponse;
import java.util.Optional;

/**
 * A statement ended without a result to read: it FAILED, was CANCELED, or its result expired
 * (CLOSED). {@link #errorCode()} is the Hearth code ({@code SQL_ERROR} when Spark failed the SQL,
 * {@code CANCELED}, {@code RESULT_EXPIRED}, {@code ENGINE_LOST} ...); {@link #error()} carries
 * Spark's own condition and SQLSTATE.
 */
public final class StatementFailedException extends HearthException {
    private static final long serialVersionUID = 1L;

    private final transient StatementResponse statement;

    public StatementFailedException(StatementResponse statement) {
        super(errorCode(statement), message(statement));
        this.statement = statement;
    }

    /** The statement as last seen. */
    public StatementResponse statement() {
        return statement;
    }

    public String statementId() {
        return statement.statementId();
    }

    public StatementState state() {
        return statement.status().state();
    }

    /** The statement's error as the gateway reported it, when it has one. */
    public Optional<StatementError> error() {
        return Optional.ofNullable(statement.status().error());
    }

    private static ErrorCode errorCode(StatementResponse statement) {
        StatementState state =
                requireNonNull(statement, "statement is null").status().state();
        return switch (state) {
            case CANCELED -> ErrorCode.CANCELED;
            case CLOSED -> ErrorCode.RESULT_EXPIRED;
            case FAILED -> hearthCode(statement.status().error());
            case PENDING, RUNNING, SUCCEEDED ->
                throw new IllegalArgumentException(
                        "statement " + statement.statementId() + " is " + state + ", not failed");
        };
    }

    private static ErrorCode hearthCode(StatementError error) {
        if (error != null && error.errorCode() != null) {
            for (ErrorCode code : ErrorCode.values()) {
                if (code.name().equals(error.errorCode())) {
                    return code;
                }
            }
        }
        return ErrorCode.SQL_ERROR;
    }

    private static String message(StatementResponse statement) {
        StatementError error = statement.status().error();
        if (error != null && error.message() != null) {
            return error.message();
        }
        return switch (statement.status().state()) {
            case CANCELED -> "statement " + statement.statementId() + " was canceled";
            case CLOSED -> "the result of statement " + statement.statementId() + " has expired";
            case PENDING, RUNNING, SUCCEEDED, FAILED -> "statement " + statement.statementId() + " failed";
        };
    }
}
