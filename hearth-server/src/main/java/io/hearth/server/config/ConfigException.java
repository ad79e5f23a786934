package io.hearth.server.config;

/** A configuration key is unknown or its value is invalid; start-up stops with this message. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
