package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

/**
 * Where and how the HiveServer2 (TCLIService) front door listens ({@code hs2.*}).
 *
 * @param enabled whether it listens at all ({@code hs2.enabled}, default true)
 * @param host the address both listeners bind ({@code hs2.host}, default {@code http.host})
 * @param port the binary (TCP) transport's port ({@code hs2.port}, default 10990; 0 picks a free one)
 * @param httpEnabled whether the HTTP transport listens too ({@code hs2.http.enabled}, default true)
 * @param httpPort the HTTP transport's port ({@code hs2.http.port}, default 10991; 0 picks a free one)
 * @param httpPath the HTTP transport's path ({@code hs2.http.path}, default {@code /cliservice})
 * @param maxWorkerThreads the most binary connections served at once ({@code hs2.max-worker-threads},
 *     default 100); one more is refused
 * @param fetchMaxRows the most rows one FetchResults answers, whatever the client asks ({@code
 *     hs2.fetch-max-rows}, default 10000)
 */
public record Hs2Config(
        boolean enabled,
        String host,
        int port,
        boolean httpEnabled,
        int httpPort,
        String httpPath,
        int maxWorkerThreads,
        int fetchMaxRows) {
    public static final int DEFAULT_PORT = 10990;
    public static final int DEFAULT_HTTP_PORT = 10991;
    public static final String DEFAULT_HTTP_PATH = "/cliservice";
    public static final int DEFAULT_MAX_WORKER_THREADS = 100;
    public static final int DEFAULT_FETCH_MAX_ROWS = 10_000;

    public Hs2Config {
        requireNonNull(host, "host is null");
        requireNonNull(httpPath, "httpPath is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("hs2.port must be between 0 and 65535");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("hs2.http.port must be between 0 and 65535");
        }
        if (!httpPath.startsWith("/") || httpPath.length() < 2) {
            throw new IllegalArgumentException("hs2.http.path must start with / and name a path, such as /cliservice");
        }
        if (maxWorkerThreads < 1) {
            throw new IllegalArgumentException("hs2.max-worker-threads must be at least 1");
        }
        if (fetchMaxRows < 1) {
            throw new IllegalArgumentException("hs2.fetch-max-rows must be at least 1");
        }
    }

    /** The defaults, on {@code host}. */
    public static Hs2Config defaults(String host) {
        return new Hs2Config(
                true,
                host,
                DEFAULT_PORT,
                true,
                DEFAULT_HTTP_PORT,
                DEFAULT_HTTP_PATH,
                DEFAULT_MAX_WORKER_THREADS,
                DEFAULT_FETCH_MAX_ROWS);
    }
}
