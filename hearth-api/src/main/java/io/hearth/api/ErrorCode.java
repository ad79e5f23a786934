package io.hearth.api;

/**
 * Every error Hearth reports, with its category and the HTTP status it maps to. The name is the
 * stable {@code error_code} clients see in problem+json bodies and in failed statements.
 */
public enum ErrorCode {
    INVALID_REQUEST(ErrorCategory.USER, 400),
    MALFORMED_JSON(ErrorCategory.USER, 400),
    INVALID_PARAMETER_VALUE(ErrorCategory.USER, 400),
    NOT_FOUND(ErrorCategory.USER, 404),
    METHOD_NOT_ALLOWED(ErrorCategory.USER, 405),
    NOT_ACCEPTABLE(ErrorCategory.USER, 406),
    CONFLICT(ErrorCategory.USER, 409),
    /** The session is closed (by request, idle, or its engine was lost); open a new one. */
    SESSION_CLOSED(ErrorCategory.USER, 409),
    RESULT_EXPIRED(ErrorCategory.USER, 410),
    PAYLOAD_TOO_LARGE(ErrorCategory.USER, 413),
    /** An upload is not a readable jar (not a zip file, truncated, or without entries). */
    INVALID_ARTIFACT(ErrorCategory.USER, 422),
    UNSUPPORTED_MEDIA_TYPE(ErrorCategory.USER, 415),
    /** A function's class is not a usable job (missing, wrong type, unusable parameters); the detail says why. */
    INVALID_FUNCTION(ErrorCategory.USER, 422),
    /** The SQL failed in Spark; the statement's error carries Spark's condition and SQLSTATE. */
    SQL_ERROR(ErrorCategory.USER, 400),
    CANCELED(ErrorCategory.USER, 409),
    /** A batch's Spark application exited with a non-zero status; its error carries the exit. */
    APPLICATION_FAILED(ErrorCategory.USER, 400),
    UNAUTHENTICATED(ErrorCategory.AUTH, 401),
    PERMISSION_DENIED(ErrorCategory.AUTH, 403),
    TOO_MANY_REQUESTS(ErrorCategory.RESOURCES, 429),
    /**
     * A per-user quota (running work, engines, stored result bytes) is reached; the detail names
     * it, and {@code Retry-After} says when trying again may help, where that can be known.
     */
    QUOTA_EXCEEDED(ErrorCategory.RESOURCES, 429),
    RESULT_TOO_LARGE(ErrorCategory.RESOURCES, 413),
    ENGINE_START_FAILED(ErrorCategory.ENGINE, 503),
    ENGINE_UNAVAILABLE(ErrorCategory.ENGINE, 503),
    ENGINE_LOST(ErrorCategory.ENGINE, 502),
    /** A batch's Spark application could not be started (its launch command failed). */
    LAUNCH_FAILED(ErrorCategory.ENGINE, 503),
    GATEWAY_RESTARTED(ErrorCategory.ENGINE, 503),
    STORE_UNAVAILABLE(ErrorCategory.INTERNAL, 503),
    INTERNAL_ERROR(ErrorCategory.INTERNAL, 500);

    private final ErrorCategory category;
    private final int httpStatus;

    ErrorCode(ErrorCategory category, int httpStatus) {
        this.category = category;
        this.httpStatus = httpStatus;
    }

    public ErrorCategory category() {
        return category;
    }

    /** The HTTP status a REST answer carrying this error has. */
    public int httpStatus() {
        return httpStatus;
    }
}
