package io.hearth.api.stream;

/**
 * Why a stream failed.
 *
 * @param errorCode a Hearth error code, e.g. {@code SQL_ERROR} (Spark refused or ended the query)
 *     or {@code ENGINE_LOST}
 * @param message what happened, in words
 */
public record StreamError(String errorCode, String message) {}
