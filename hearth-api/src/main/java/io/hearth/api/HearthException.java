package io.hearth.api;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type Hearth raises for anything a caller should see. The message is written
 * for the caller: it never carries a stack trace or internal detail.
 */
public class HearthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String field;

    public HearthException(ErrorCode errorCode, String message) {
        this(errorCode, message, null, null);
    }

    public HearthException(ErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, null, cause);
    }

    private HearthException(ErrorCode errorCode, String message, String field, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.field = field;
    }

    /** An invalid request naming the JSON field (or query parameter) that is wrong. */
    public static HearthException invalidField(String field, String message) {
        return new HearthException(
                ErrorCode.INVALID_PARAMETER_VALUE, message, requireNonNull(field, "field is null"), null);
    }

    /** An error of any code about one request field. */
    public static HearthException aboutField(ErrorCode errorCode, String message, String field) {
        return new HearthException(errorCode, message, field, null);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The request field the error is about, or null. */
    public String field() {
        return field;
    }
}
