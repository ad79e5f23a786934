package io.hearth.engine;

/** A statement parameter whose type is unknown or whose value does not parse as that type. */
final class InvalidParameterException extends Exception {
    static final String ERROR_CLASS = "INVALID_PARAMETER_VALUE";
    static final String SQL_STATE = "22023";

    InvalidParameterException(String message) {
        super(message);
    }
}
