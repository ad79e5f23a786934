package io.hearth.api;

/** Who has to act on an error: the caller, an operator, or Hearth's developers. */
public enum ErrorCategory {
    /** The request or the SQL was wrong; the caller can fix it. */
    USER,
    /** The caller is not known or not allowed. */
    AUTH,
    /** A limit was reached; retrying later may succeed. */
    RESOURCES,
    /** A Spark engine failed to start, died, or could not be reached. */
    ENGINE,
    /** A defect or an unexpected failure inside Hearth. */
    INTERNAL
}
