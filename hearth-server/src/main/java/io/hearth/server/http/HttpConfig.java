package io.hearth.server.http;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where the REST API listens.
 *
 * @param host the address to bind ({@code http.host}, default 127.0.0.1)
 * @param port the port ({@code http.port}, default 8990; 0 picks a free one)
 * @param maxRequestBytes the largest request body accepted ({@code http.max-request-bytes}, 1 MiB)
 * @param tls HTTPS instead of HTTP on the same port, when a key is configured ({@code http.tls.*})
 */
public record HttpConfig(String host, int port, long maxRequestBytes, Optional<TlsConfig> tls) {
    public static final int DEFAULT_PORT = 8990;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    public HttpConfig {
        requireNonNull(host, "host is null");
        requireNonNull(tls, "tls is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http.port must be between 0 and 65535");
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("http.max-request-bytes must be at least 1024");
        }
    }

    /** Plain HTTP. */
    public HttpConfig(String host, int port, long maxRequestBytes) {
        this(host, port, maxRequestBytes, Optional.empty());
    }

    /** {@code https} with TLS on, else {@code http}. */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }

    public static HttpConfig defaults() {
        return new HttpConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_REQUEST_BYTES);
    }
}
