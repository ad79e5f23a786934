package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.FieldError;
import io.hearth.api.HearthException;
import io.hearth.api.Problem;
import java.util.List;

/**
 * An error answer from the gateway ({@code application/problem+json}) turned back into the typed
 * {@link HearthException}: catch it and switch on {@link #errorCode()}.
 *
 * <pre>{@code
 * try {
 *     client.statements().find(id);
 * } catch (HearthClientException e) {
 *     if (e.errorCode() == ErrorCode.NOT_FOUND) { ... }
 * }
 * }</pre>
 */
public final class HearthClientException extends HearthException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    /** An exception for the problem the gateway answered. */
    public HearthClientException(Problem problem) {
        super(errorCode(requireNonNull(problem, "problem is null")), message(problem));
        this.problem = problem;
    }

    /** The problem exactly as the gateway sent it. */
    public Problem problem() {
        return problem;
    }

    /** The HTTP status of the answer. */
    public int httpStatus() {
        return problem.status();
    }

    /**
     * The {@code error_code} as sent; it differs from {@link #errorCode()}'s name only when this
     * client does not know the code (a newer server), which maps to {@link ErrorCode#INTERNAL_ERROR}.
     */
    public String errorCodeName() {
        return problem.errorCode() == null ? errorCode().name() : problem.errorCode();
    }

    @Override
    public String field() {
        return problem.field();
    }

    /**
     * Each bad field when the gateway checked several at once (a job's parameters: JSON Pointers
     * into {@code parameters}, such as {@code /min_count}); empty otherwise.
     */
    @Override
    public List<FieldError> fieldErrors() {
        return problem.errors() == null ? List.of() : problem.errors();
    }

    private static ErrorCode errorCode(Problem problem) {
        if (problem.errorCode() != null) {
            for (ErrorCode code : ErrorCode.values()) {
                if (code.name().equals(problem.errorCode())) {
                    return code;
                }
            }
        }
        return fromStatus(problem.status());
    }

    /** The code an answer without a known {@code error_code} (a proxy's error page, say) gets. */
    static ErrorCode fromStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 409 -> ErrorCode.CONFLICT;
            case 410 -> ErrorCode.RESULT_EXPIRED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.TOO_MANY_REQUESTS;
            case 502, 503, 504 -> ErrorCode.ENGINE_UNAVAILABLE;
            default -> ErrorCode.INTERNAL_ERROR;
        };
    }

    private static String message(Problem problem) {
        if (problem.detail() != null && !problem.detail().isBlank()) {
            return problem.detail();
        }
        return problem.title() != null ? problem.title() : "HTTP " + problem.status();
    }
}
