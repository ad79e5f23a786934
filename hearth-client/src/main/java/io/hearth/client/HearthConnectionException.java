package io.hearth.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The gateway could not be reached, or the connection broke before it answered. The message names
 * the server address, so a wrong {@code --server} or a stopped gateway is obvious.
 */
public final class HearthConnectionException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final URI server;

    public HearthConnectionException(URI server, String message, IOException cause) {
        super(message, cause);
        this.server = server;
    }

    /** The gateway address the client was talking to. */
    public URI server() {
        return server;
    }
}
