package io.hearth.server.hs2;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.statement.StatementError;
import org.apache.hive.service.rpc.thrift.TStatus;
import org.apache.hive.service.rpc.thrift.TStatusCode;

/**
 * Failures as HiveServer2 statuses: a message and a SQLSTATE the client raises as an SQLException.
 * Spark's own SQLSTATE wins; Hearth's error codes map to the nearest class.
 */
final class Hs2Errors {
    private Hs2Errors() {}

    static TStatus ok() {
        return new TStatus(TStatusCode.SUCCESS_STATUS);
    }

    static TStatus error(String message, String sqlState) {
        TStatus status = new TStatus(TStatusCode.ERROR_STATUS);
        status.setErrorMessage(message);
        status.setSqlState(sqlState);
        status.setErrorCode(0);
        return status;
    }

    static TStatus error(Throwable failure) {
        if (failure instanceof QueryFailedException query) {
            // a metadata query's engine error keeps Spark's condition and SQLSTATE
            return error(message(query.error()), sqlState(query.error()));
        }
        if (failure instanceof HearthException hearth) {
            return error(hearth.getMessage(), sqlState(hearth.errorCode()));
        }
        return error("internal error: " + failure, "HY000");
    }

    /** A failed statement's message: {@code [CONDITION] message}, as Spark words its errors. */
    static String message(StatementError error) {
        String message = error.message() == null ? "" : error.message();
        if (error.errorCode() == null || error.errorCode().isBlank() || message.startsWith("[")) {
            return message;
        }
        return "[" + error.errorCode() + "] " + message;
    }

    /** A failed statement's SQLSTATE: Spark's, else the one of Hearth's error code. */
    static String sqlState(StatementError error) {
        if (error.sqlState() != null && !error.sqlState().isBlank()) {
            return error.sqlState();
        }
        try {
            return sqlState(ErrorCode.valueOf(error.errorCode()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return "HY000";
        }
    }

    static String sqlState(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> "28000";
            case PERMISSION_DENIED -> "42501";
            case SESSION_CLOSED -> "08003";
            case CANCELED -> "HY008";
            case SQL_ERROR, INVALID_REQUEST, INVALID_PARAMETER_VALUE, MALFORMED_JSON -> "42000";
            case ENGINE_START_FAILED, ENGINE_UNAVAILABLE, ENGINE_LOST, LAUNCH_FAILED, GATEWAY_RESTARTED -> "08S01";
            case QUOTA_EXCEEDED, TOO_MANY_REQUESTS, RESULT_TOO_LARGE -> "53000";
            default -> "HY000";
        };
    }
}
