package io.hearth.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one exception type Hearth raises for anything a caller should see. The message is written
 * for the caller: it never carries a stack trace or internal detail.
 */
public class HearthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String field;
    private final List<FieldError> fieldErrors;
    private final Duration retryAfter;

    public HearthException(ErrorCode errorCode, String message) {
        this(errorCode, message, null, List.of(), null);
    }

    public HearthException(ErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, null, List.of(), cause);
    }

    private HearthException(
            ErrorCode errorCode, String message, String field, List<FieldError> fieldErrors, Throwable cause) {
        this(errorCode, message, field, fieldErrors, cause, null);
    }

    private HearthException(
            ErrorCode errorCode,
            String message,
            String field,
            List<FieldError> fieldErrors,
            Throwable cause,
            Duration retryAfter) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.field = field;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfter = retryAfter;
    }

    /** TOO_MANY_REQUESTS: the caller may try again after {@code retryAfter} (sent as {@code Retry-After}). */
    public static HearthException tooManyRequests(String message, Duration retryAfter) {
        return new HearthException(
                ErrorCode.TOO_MANY_REQUESTS,
                message,
                null,
                List.of(),
                null,
                requireNonNull(retryAfter, "retryAfter is null"));
    }

    /**
     * QUOTA_EXCEEDED: a per-user quota is reached; {@code retryAfter} (sent as {@code Retry-After})
     * when it is known when trying again may help, else null.
     */
    public static HearthException quotaExceeded(String message, Duration retryAfter) {
        return new HearthException(ErrorCode.QUOTA_EXCEEDED, message, null, List.of(), null, retryAfter);
    }

    /** An invalid request naming the JSON field (or query parameter) that is wrong. */
    public static HearthException invalidField(String field, String message) {
        return new HearthException(
                ErrorCode.INVALID_PARAMETER_VALUE, message, requireNonNull(field, "field is null"), List.of(), null);
    }

    /** An error of any code about one request field. */
    public static HearthException aboutField(ErrorCode errorCode, String message, String field) {
        return new HearthException(errorCode, message, field, List.of(), null);
    }

    /**
     * An invalid request with several bad fields, all listed, inside the request field {@code field}
     * (e.g. {@code parameters}).
     */
    public static HearthException invalidFields(String field, String message, List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("errors is empty");
        }
        return new HearthException(ErrorCode.INVALID_PARAMETER_VALUE, message, field, errors, null);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The request field the error is about, or null. */
    public String field() {
        return field;
    }

    /** When the caller may try again, for errors that say so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Each bad field, when several were checked at once; empty otherwise. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
