package io.hearth.server.flightsql;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.statement.StatementError;
import io.hearth.server.auth.AuthUnavailableException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;

/** How Hearth's typed errors reach a Flight SQL client: a gRPC status and the message a person reads. */
final class FlightErrors {
    private FlightErrors() {}

    /** A gateway error (refused request, missing statement, quota) as a Flight status. */
    static FlightRuntimeException from(HearthException e) {
        return status(e.errorCode()).withDescription(e.getMessage()).toRuntimeException();
    }

    /** An authentication outage (LDAP or JWKS down): the client may try again. */
    static FlightRuntimeException from(AuthUnavailableException e) {
        return CallStatus.UNAVAILABLE.withDescription(e.getMessage()).toRuntimeException();
    }

    /**
     * A failed statement: Spark's condition, SQLSTATE and message, as INVALID_ARGUMENT when Spark
     * refused the SQL, or the status of the Hearth error code the gateway recorded (engine lost ...).
     */
    static FlightRuntimeException from(StatementError error) {
        String condition = error.errorCode() == null ? "" : error.errorCode();
        StringBuilder message = new StringBuilder();
        if (!condition.isEmpty()) {
            message.append('[').append(condition).append("] ");
        }
        message.append(error.message());
        if (error.sqlState() != null && !error.sqlState().isEmpty()) {
            message.append(" (SQLSTATE ").append(error.sqlState()).append(')');
        }
        return hearthCode(condition)
                .map(FlightErrors::status)
                .orElse(CallStatus.INVALID_ARGUMENT)
                .withDescription(message.toString())
                .toRuntimeException();
    }

    static CallStatus status(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST,
                    MALFORMED_JSON,
                    INVALID_PARAMETER_VALUE,
                    NOT_ACCEPTABLE,
                    PAYLOAD_TOO_LARGE,
                    INVALID_ARTIFACT,
                    UNSUPPORTED_MEDIA_TYPE,
                    INVALID_FUNCTION,
                    SQL_ERROR,
                    APPLICATION_FAILED -> CallStatus.INVALID_ARGUMENT;
            case NOT_FOUND, RESULT_EXPIRED -> CallStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> CallStatus.UNIMPLEMENTED;
            case CONFLICT, SESSION_CLOSED -> CallStatus.INVALID_ARGUMENT;
            case CANCELED -> CallStatus.CANCELLED;
            case UNAUTHENTICATED -> CallStatus.UNAUTHENTICATED;
            case PERMISSION_DENIED -> CallStatus.UNAUTHORIZED;
            case TOO_MANY_REQUESTS, QUOTA_EXCEEDED, RESULT_TOO_LARGE -> CallStatus.RESOURCE_EXHAUSTED;
            case ENGINE_START_FAILED,
                    ENGINE_UNAVAILABLE,
                    ENGINE_LOST,
                    LAUNCH_FAILED,
                    GATEWAY_RESTARTED,
                    STORE_UNAVAILABLE -> CallStatus.UNAVAILABLE;
            case INTERNAL_ERROR -> CallStatus.INTERNAL;
        };
    }

    private static java.util.Optional<ErrorCode> hearthCode(String name) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(name)) {
                return java.util.Optional.of(code);
            }
        }
        return java.util.Optional.empty();
    }
}
