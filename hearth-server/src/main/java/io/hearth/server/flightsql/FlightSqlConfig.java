package io.hearth.server.flightsql;

import static java.util.Objects.requireNonNull;

/**
 * Where the Arrow Flight SQL front door listens.
 *
 * @param enabled whether it listens at all ({@code flight-sql.enabled}, default true)
 * @param host the address to bind ({@code flight-sql.host}, default {@code http.host})
 * @param port the port ({@code flight-sql.port}, default 8993; 0 picks a free one)
 * @param endpointPerChunk whether a result is answered with one endpoint per chunk ({@code
 *     flight-sql.endpoint-per-chunk}, default true) or with one endpoint streaming every chunk in
 *     order (for clients that read endpoints out of order, such as the Flight SQL JDBC driver)
 */
public record FlightSqlConfig(boolean enabled, String host, int port, boolean endpointPerChunk) {
    public static final int DEFAULT_PORT = 8993;

    public FlightSqlConfig {
        requireNonNull(host, "host is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("flight-sql.port must be between 0 and 65535");
        }
    }
}
