package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.statement.StatementError;

/**
 * A metadata query failed in the engine; carries the statement's error (Spark's condition and
 * SQLSTATE) so the HiveServer2 answer can say it.
 */
public final class QueryFailedException extends HearthException {
    private static final long serialVersionUID = 1L;

    private final transient StatementError error;

    public QueryFailedException(StatementError error) {
        super(codeOf(requireNonNull(error, "error is null")), error.message());
        this.error = error;
    }

    /** The statement's error: Spark's condition (or a Hearth error code), message and SQLSTATE. */
    public StatementError error() {
        return error;
    }

    /** Whether Spark's condition is {@code condition}, e.g. {@code SCHEMA_NOT_FOUND}. */
    public boolean hasCondition(String condition) {
        return condition.equals(error.errorCode());
    }

    private static ErrorCode codeOf(StatementError error) {
        // a Hearth error code (ENGINE_LOST, SESSION_CLOSED, ...) keeps its meaning; a Spark condition is SQL_ERROR
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(error.errorCode())) {
                return code;
            }
        }
        return ErrorCode.SQL_ERROR;
    }
}
