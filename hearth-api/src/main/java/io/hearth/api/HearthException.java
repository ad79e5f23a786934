package io.hearth.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The one exception type Hearth raises for anything a caller should see. The message is written
 * for the caller: it never carries a stack trace or internal detail.
 */
public class HearthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String field;
    private final List<FieldError> fieldErrors;

    public HearthException(ErrorCode errorCode, String message) {
        this(errorCode, message, null, List.of(), null);
    }

    public HearthException(ErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, null, List.of(), cause);
    }

    private HearthException(
            ErrorCode errorCode, String message, String field, List<FieldError> fieldErrors, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.field = field;
        this.fieldErrors = List.copyOf(fieldErrors);
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

    /** Each bad field, when several were checked at once; empty otherwise. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
