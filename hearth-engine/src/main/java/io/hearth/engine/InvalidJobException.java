package io.hearth.engine;

/** A job class that cannot be used: missing, of the wrong type, or in an unreadable jar. */
final class InvalidJobException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidJobException(String message) {
        super(message);
    }
}
