package io.hearth.api;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every REST error ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem ({@code urn:hearth:error:<error_code>})
 * @param title a short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong with this request, for a person
 * @param instance the request path
 * @param errorCode the stable {@link ErrorCode} name
 * @param field the request field the problem is about, or null
 * @param errors each bad field when several were checked at once (job parameters), or null
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String errorCode,
        String field,
        List<FieldError> errors) {
    public Problem {
        errors = errors == null ? null : List.copyOf(errors);
    }
}
