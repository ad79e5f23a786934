package io.hearth.api;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with one field of a request, listed in a problem's {@code errors}.
 *
 * @param field where the field is: a JSON Pointer into the part of the request that was checked
 *     (for job parameters, into {@code parameters}, e.g. {@code /min_count})
 * @param message what is wrong with it, for a person
 */
public record FieldError(String field, String message) {
    public FieldError {
        requireNonNull(field, "field is null");
        requireNonNull(message, "message is null");
    }
}
