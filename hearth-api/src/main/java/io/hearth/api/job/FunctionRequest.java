package io.hearth.api.job;

/**
 * The body of {@code POST /v1/functions}: registers a job class from an uploaded artifact under a
 * name.
 *
 * @param name the function's name, unique for its owner: a lower-case letter, then up to 63
 *     lower-case letters, digits, {@code -} or {@code _}
 * @param artifactId the uploaded jar holding the class
 * @param className the fully qualified name of a class implementing {@code io.hearth.api.spi.HearthJob}
 * @param context where the function's jobs run; only {@code "default"} (the shared engine, also
 *     when absent) exists so far
 */
public record FunctionRequest(String name, String artifactId, String className, String context) {}
