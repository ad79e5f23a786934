package io.hearth.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java client of a Hearth gateway's REST API, and the one entry point of this SDK: its
 * resources hang off it ({@link #statements()}, {@link #sessions()}, {@link #artifacts()}, {@link
 * #functions()}, {@link #jobs()}, {@link #batches()}, {@link #engines()}, {@link #tokens()}), and
 * their requests and answers are {@code hearth-api}'s records, the very types the gateway serves.
 * Built on {@code java.net.http}; the only other dependency is Jackson.
 *
 * <pre>{@code
 * try (HearthClient client = HearthClient.builder().server(URI.create("http://127.0.0.1:8990")).build()) {
 *     try (ResultRows rows = client.statements().query("select id from range(10)")) {
 *         rows.forEachRemaining(row -> System.out.println(row.get("id", Long.class)));
 *     }
 * }
 * }</pre>
 *
 * <p>Errors: an error answer is a {@link HearthClientException} (a {@link
 * io.hearth.api.HearthException} with the gateway's {@link io.hearth.api.ErrorCode}); an
 * unreachable gateway a {@link HearthConnectionException}; a statement that failed, when its rows
 * are asked for, a {@link StatementFailedException}.
 *
 * <p>A client is thread-safe; share one. {@link #close()} stops its threads.
 */
public final class HearthClient implements AutoCloseable {
    /** Where a gateway listens by default ({@code http.host} and {@code http.port}). */
    public static final URI DEFAULT_SERVER = URI.create("http://127.0.0.1:8990");

    private final RestTransport transport;
    private final Statements statements;
    private final Sessions sessions;
    private final Artifacts artifacts;
    private final Batches batches;
    private final Engines engines;
    private final Functions functions;
    private final Jobs jobs;
    private final Tokens tokens;
    private final Events events;

    private HearthClient(RestTransport transport, Polling polling, Duration uploadTimeout) {
        this.transport = transport;
        this.statements = new Statements(transport, polling);
        this.sessions = new Sessions(transport);
        this.artifacts = new Artifacts(transport, uploadTimeout);
        this.batches = new Batches(transport, polling);
        this.engines = new Engines(transport);
        this.functions = new Functions(transport);
        this.jobs = new Jobs(transport, polling);
        this.tokens = new Tokens(transport);
        this.events = new Events(transport);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The gateway's address. */
    public URI server() {
        return transport.server();
    }

    /** SQL statements and their results. */
    public Statements statements() {
        return statements;
    }

    /** Sessions, whose state (temp views, current database, SQL conf) persists across statements. */
    public Sessions sessions() {
        return sessions;
    }

    /** Uploaded jars, which batches run. */
    public Artifacts artifacts() {
        return artifacts;
    }

    /** Spark applications run to their end from an uploaded jar. */
    public Batches batches() {
        return batches;
    }

    /** The gateway's Spark engines. */
    public Engines engines() {
        return engines;
    }

    /** Functions: job classes from uploaded jars, registered under a name. */
    public Functions functions() {
        return functions;
    }

    /** Jobs, the runs of functions, and their results. */
    public Jobs jobs() {
        return jobs;
    }

    /** Lifecycle events of the caller's work over Server-Sent Events, resumed after a broken connection. */
    public Events events() {
        return events;
    }

    /** API tokens of the caller: bearer tokens for scripts and services. */
    public Tokens tokens() {
        return tokens;
    }

    @Override
    public void close() {
        transport.close();
    }

    /** Settings of a {@link HearthClient}; every one has a default. */
    public static final class Builder {
        private URI server = DEFAULT_SERVER;
        private Credentials credentials = Credentials.none();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration uploadTimeout = Duration.ofMinutes(30);
        private Polling polling = Polling.DEFAULT;

        private Builder() {}

        /** The gateway's base address, such as {@code http://127.0.0.1:8990} (the default). */
        public Builder server(URI server) {
            requireNonNull(server, "server is null");
            String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || server.getHost() == null) {
                throw new IllegalArgumentException(
                        "the server must be an http:// or https:// address with a host, such as http://127.0.0.1:8990; got "
                                + server);
            }
            this.server = server;
            return this;
        }

        /** Sent as the {@code Authorization} header of every request (none by default). */
        public Builder credentials(Credentials credentials) {
            this.credentials = requireNonNull(credentials, "credentials is null");
            return this;
        }

        /** How long to wait for a connection (default 10s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long a request may take beyond the time the gateway was asked to hold it (its {@code
         * wait_timeout}), default 60s. Chunk streams are not limited by it once they begin.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * How long a jar upload may take beyond the request timeout (default 30m): the gateway
         * answers only once it has the whole jar, and a large one over a slow link takes a while.
         */
        public Builder uploadTimeout(Duration uploadTimeout) {
            this.uploadTimeout = positive(uploadTimeout, "uploadTimeout");
            return this;
        }

        /**
         * How often unfinished work is polled: {@code initial} first, doubling up to {@code max}
         * (defaults 100ms and 1s).
         */
        public Builder pollInterval(Duration initial, Duration max) {
            this.polling = new Polling(initial, max);
            return this;
        }

        public HearthClient build() {
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "hearth-client-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .executor(executor)
                    .build();
            RestTransport transport =
                    new RestTransport(server, http, executor, ClientJson.newMapper(), credentials, requestTimeout);
            return new HearthClient(transport, polling, uploadTimeout);
        }

        private static Duration positive(Duration duration, String name) {
            requireNonNull(duration, name + " is null");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return duration;
        }
    }
}
