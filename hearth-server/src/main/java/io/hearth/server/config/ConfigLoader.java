package io.hearth.server.config;

import io.hearth.api.context.ShareLevel;
import io.hearth.server.artifact.ArtifactConfig;
import io.hearth.server.auth.AuthConfig;
import io.hearth.server.auth.TokenConfig;
import io.hearth.server.batch.BatchConfig;
import io.hearth.server.engine.EngineConfig;
import io.hearth.server.engine.EngineContext;
import io.hearth.server.engine.EngineRecoveryConfig;
import io.hearth.server.engine.ImpersonationConfig;
import io.hearth.server.engine.PoolConfig;
import io.hearth.server.event.EventDispatcher;
import io.hearth.server.event.EventsConfig;
import io.hearth.server.event.webhook.WebhookConfig;
import io.hearth.server.flightsql.FlightSqlConfig;
import io.hearth.server.hs2.Hs2Config;
import io.hearth.server.http.HttpConfig;
import io.hearth.server.http.TlsConfig;
import io.hearth.server.messaging.MessagingConfig;
import io.hearth.server.quota.QuotaConfig;
import io.hearth.server.quota.UserQuota;
import io.hearth.server.result.ResultConfig;
import io.hearth.server.session.SessionConfig;
import io.hearth.server.statement.SinkConfig;
import io.hearth.server.statement.StatementConfig;
import io.hearth.server.store.StoreConfig;
import io.hearth.server.stream.StreamConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds {@link HearthConfig} from, in rising precedence: defaults, the configuration file
 * (properties syntax, {@code key = value}), {@code HEARTH_*} environment variables, and
 * command-line options. An unknown key or an invalid value stops start-up with a message naming it.
 */
public final class ConfigLoader {
    static final String COMMAND_LINE = "the command line";
    /** Variables the launch script uses for itself, not settings. */
    static final Set<String> RESERVED_VARIABLES = Set.of(
            "HEARTH_HOME",
            "HEARTH_CONF_DIR",
            "HEARTH_JAVA_OPTS",
            "HEARTH_JAVA",
            "HEARTH_LOG_DIR",
            "HEARTH_LOG_FORMAT",
            // the command-line client's, often set in the same shell that starts the gateway
            "HEARTH_CLI_JAVA_OPTS",
            "HEARTH_SERVER",
            "HEARTH_USER",
            "HEARTH_PASSWORD",
            "HEARTH_TOKEN");

    private ConfigLoader() {}

    /**
     * @param file the configuration file, if any
     * @param environment the process environment (only {@code HEARTH_*} entries are used)
     * @param commandLine settings given on the command line ({@code http.port}, {@code data-dir})
     * @param hearthHome the distribution's folder (holds {@code engine/})
     */
    public static HearthConfig load(
            Optional<Path> file, Map<String, String> environment, Map<String, String> commandLine, Path hearthHome) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        if (file.isPresent()) {
            readFile(file.get(), values, origins);
        }
        commandLine.forEach((key, value) -> {
            values.put(key, value);
            origins.put(key, COMMAND_LINE);
        });
        Map<String, String> hearthVariables = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("HEARTH_")) {
                hearthVariables.put(name, value);
            }
        });
        ConfigSource source = new ConfigSource(values, origins, hearthVariables, environment);
        try {
            HearthConfig config = bind(source, environment, hearthHome);
            source.requireAllRead(RESERVED_VARIABLES);
            return config;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage());
        }
    }

    /**
     * Every key the loader reads, with its kind and default, as it reads them with nothing set
     * (the generated reference in docs/operations.md).
     */
    static List<ConfigKey> keys(Path hearthHome) {
        ConfigSource source = new ConfigSource(Map.of(), Map.of(), Map.of(), Map.of());
        bind(source, Map.of(), hearthHome);
        return source.keysRead();
    }

    private static HearthConfig bind(ConfigSource source, Map<String, String> environment, Path hearthHome) {
        Path dataDirectory = Path.of(
                        source.string("data-dir", hearthHome.resolve("data").toString()))
                .toAbsolutePath()
                .normalize();
        HttpConfig http = new HttpConfig(
                source.string("http.host", "127.0.0.1"),
                source.integer("http.port", HttpConfig.DEFAULT_PORT),
                source.bytes("http.max-request-bytes", HttpConfig.DEFAULT_MAX_REQUEST_BYTES),
                tls(source));
        StoreConfig storeDefaults = StoreConfig.defaults(dataDirectory);
        StoreConfig store = new StoreConfig(
                source.string("store.url", storeDefaults.url()),
                source.string("store.user", storeDefaults.user()),
                source.string("store.password", storeDefaults.password()),
                source.integer("store.pool.max-size", storeDefaults.maxPoolSize()));
        ResultConfig result = new ResultConfig(
                Path.of(source.string(
                        "result.directory", dataDirectory.resolve("results").toString())),
                source.bytes("result.chunk-max-rows", ResultConfig.DEFAULT_CHUNK_MAX_ROWS),
                source.bytes("result.chunk-max-bytes", ResultConfig.DEFAULT_CHUNK_MAX_BYTES),
                source.bytes("result.max-bytes", ResultConfig.DEFAULT_MAX_BYTES),
                source.duration("result.ttl", ResultConfig.DEFAULT_TTL),
                source.bool("result.fsync", false));
        Optional<String> sparkHome = source.string("engine.spark-home")
                .or(() -> Optional.ofNullable(environment.get("SPARK_HOME")).filter(home -> !home.isBlank()));
        EngineConfig engine = new EngineConfig(
                Path.of(source.string(
                        "engine.home", hearthHome.resolve("engine").toString())),
                sparkHome.map(Path::of),
                Path.of(source.string(
                        "engine.java",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString())),
                source.string("engine.master", "local[*]"),
                source.string("engine.driver-memory", "2g"),
                source.withPrefix("engine.conf."),
                source.bool("engine.prestart", false),
                source.duration("engine.start-timeout", java.time.Duration.ofSeconds(120)),
                source.duration("engine.heartbeat-interval", java.time.Duration.ofSeconds(5)),
                source.integer("engine.heartbeat-misses", 3),
                Path.of(source.string(
                        "engine.log-directory", dataDirectory.resolve("engines").toString())));
        int maxTotal = source.integer("engine.max-total", 8);
        boolean prestart = engine.prestart();
        EngineContext defaultContext;
        try {
            defaultContext = new EngineContext(
                    EngineContext.DEFAULT,
                    source.enumValue("engine.share-level", ShareLevel.class, ShareLevel.USER),
                    engine.master(),
                    engine.driverMemory(),
                    Map.of(),
                    List.of(),
                    source.integer("engine.min-idle", prestart ? 1 : 0),
                    source.integer("engine.max-engines", maxTotal),
                    source.duration("engine.idle-timeout", java.time.Duration.ofMinutes(30)),
                    source.integer("engine.max-concurrent-per-engine", 16),
                    engine.startTimeout());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the default context (engine.*) is invalid: " + e.getMessage());
        }
        Map<String, Map<String, String>> userQuotaKeys = userQuotaKeys(source);
        Map<String, Integer> maxEnginesOverrides = new HashMap<>();
        userQuotaKeys.forEach((user, keys) -> {
            if (keys.containsKey(MAX_ENGINES)) {
                maxEnginesOverrides.put(
                        user, (int) source.limit(keys.get(MAX_ENGINES), Integer.MAX_VALUE, false, Integer.MAX_VALUE));
            }
        });
        PoolConfig pool = new PoolConfig(
                maxTotal,
                source.integer("engine.max-per-user", 4),
                source.integer("engine.queue.max-size", 256),
                source.integer("engine.queue.max-per-user", 64),
                source.duration("engine.queue.retry-after", java.time.Duration.ofSeconds(5)),
                defaultContext,
                source.integer("engine.standby", 0),
                maxEnginesOverrides);
        ImpersonationConfig impersonation = new ImpersonationConfig(
                source.bool("impersonation.enabled", false),
                source.withPrefix("impersonation.group-users."),
                source.string("impersonation.hadoop-conf-dir")
                        .or(() -> Optional.ofNullable(environment.get("HADOOP_CONF_DIR"))
                                .filter(directory -> !directory.isBlank()))
                        .map(Path::of));
        impersonation.refusal(defaultContext.shareLevel()).ifPresent(reason -> {
            throw new ConfigException("engine.share-level=" + defaultContext.shareLevel()
                    + " cannot be used with impersonation.enabled=true: " + reason);
        });
        QuotaConfig quota = quotas(source, userQuotaKeys, pool.retryAfter());
        StatementConfig statement = new StatementConfig(
                source.duration("statement.default-wait-timeout", StatementConfig.DEFAULT_WAIT_TIMEOUT),
                source.integer("statement.max-running", StatementConfig.DEFAULT_MAX_RUNNING),
                source.duration("statement.cleanup-interval", StatementConfig.DEFAULT_CLEANUP_INTERVAL));
        SessionConfig session =
                new SessionConfig(source.duration("session.idle-timeout", SessionConfig.DEFAULT_IDLE_TIMEOUT));
        AuthConfig auth = new AuthConfig(
                source.list("auth.methods").stream()
                        .map(method -> method.toLowerCase(Locale.ROOT))
                        .toList(),
                source.string("auth.default-user", System.getProperty("user.name", "hearth")),
                Path.of(source.string(
                                "auth.users-file",
                                hearthHome.resolve("conf").resolve("users").toString()))
                        .toAbsolutePath()
                        .normalize(),
                Set.copyOf(source.list("auth.admins")),
                Set.copyOf(source.list("auth.admin-groups")),
                source.string("auth.realm", AuthConfig.DEFAULT_REALM),
                source.integer("auth.failed-logins.max", AuthConfig.DEFAULT_FAILED_LOGINS_MAX),
                source.integer("auth.failed-logins.max-per-address", AuthConfig.DEFAULT_FAILED_LOGINS_MAX_PER_ADDRESS),
                source.duration("auth.failed-logins.window", AuthConfig.DEFAULT_FAILED_LOGINS_WINDOW));
        requireLoopbackInDevelopmentMode(auth, http, source);
        Hs2Config hs2 = new Hs2Config(
                source.bool("hs2.enabled", true),
                source.string("hs2.host", http.host()),
                source.integer("hs2.port", Hs2Config.DEFAULT_PORT),
                source.bool("hs2.http.enabled", true),
                source.integer("hs2.http.port", Hs2Config.DEFAULT_HTTP_PORT),
                source.string("hs2.http.path", Hs2Config.DEFAULT_HTTP_PATH),
                source.integer("hs2.max-worker-threads", Hs2Config.DEFAULT_MAX_WORKER_THREADS),
                source.integer("hs2.fetch-max-rows", Hs2Config.DEFAULT_FETCH_MAX_ROWS));
        if (hs2.enabled() && auth.developmentMode() && !isLoopback(hs2.host())) {
            throw new ConfigException("hs2.host is " + hs2.host() + " (from " + source.origin("hs2.host")
                    + "), but auth.methods is empty: without authentication Hearth only listens on a loopback"
                    + " address. Configure auth.methods (see docs/security.md) or listen on 127.0.0.1.");
        }
        FlightSqlConfig flightSql = new FlightSqlConfig(
                source.bool("flight-sql.enabled", true),
                source.string("flight-sql.host", http.host()),
                source.integer("flight-sql.port", FlightSqlConfig.DEFAULT_PORT),
                source.bool("flight-sql.endpoint-per-chunk", false));
        requireLoopbackInDevelopmentMode(auth, flightSql, source);
        ArtifactConfig artifact = new ArtifactConfig(
                dataDirectory.resolve("artifacts"),
                source.bytes("artifact.max-bytes", ArtifactConfig.DEFAULT_MAX_BYTES));
        BatchConfig batch = new BatchConfig(
                dataDirectory.resolve("batches"),
                source.integer("batch.max-running", BatchConfig.DEFAULT_MAX_RUNNING),
                source.duration("batch.kill-grace-period", BatchConfig.DEFAULT_KILL_GRACE_PERIOD));
        EngineRecoveryConfig engineRecovery = new EngineRecoveryConfig(
                source.integer("engine.registration-port", EngineRecoveryConfig.DEFAULT_REGISTRATION_PORT),
                source.bool("engine.stop-on-shutdown", false),
                source.duration("engine.recovery-timeout", EngineRecoveryConfig.DEFAULT_RECOVERY_TIMEOUT));
        StreamConfig streamDefaults = StreamConfig.defaults(dataDirectory);
        StreamConfig streams = new StreamConfig(
                Path.of(source.string(
                                "streams.checkpoint-directory",
                                streamDefaults.checkpointDirectory().toString()))
                        .toAbsolutePath()
                        .normalize(),
                source.integer("streams.max-restarts", StreamConfig.DEFAULT_MAX_RESTARTS),
                source.duration("streams.poll-interval", StreamConfig.DEFAULT_POLL_INTERVAL),
                source.duration("streams.progress-interval", StreamConfig.DEFAULT_PROGRESS_INTERVAL),
                source.integer("streams.progress-history", StreamConfig.DEFAULT_PROGRESS_HISTORY),
                source.duration("streams.engine-call-timeout", StreamConfig.DEFAULT_ENGINE_CALL_TIMEOUT));
        TokenConfig tokens = new TokenConfig(
                source.duration("auth.tokens.default-ttl", TokenConfig.DEFAULT_DEFAULT_TTL),
                source.duration("auth.tokens.max-ttl", TokenConfig.DEFAULT_MAX_TTL));
        return new HearthConfig(
                dataDirectory,
                auth,
                http,
                store,
                result,
                engine,
                pool,
                statement,
                session,
                artifact,
                batch,
                engineRecovery,
                tokens,
                AuthMethodKeys.ldap(source),
                AuthMethodKeys.jwt(source),
                impersonation,
                quota,
                hs2,
                flightSql,
                streams,
                webhooks(source),
                sinks(source),
                events(source),
                messaging(source));
    }

    private static final String JDBC_SINK_PREFIX = "sinks.jdbc.";
    private static final Set<String> JDBC_SINK_KEYS = Set.of("url", "user", "password", "driver");

    /** {@code sinks.jdbc.<name>.url|user|password|driver}: each named target needs a url. */
    private static SinkConfig sinks(ConfigSource source) {
        Map<String, SinkConfig.JdbcTarget> targets = new TreeMap<>();
        Set<String> names = new java.util.TreeSet<>();
        for (String rest : source.withPrefix(JDBC_SINK_PREFIX).keySet()) {
            int dot = rest.lastIndexOf('.');
            String key = JDBC_SINK_PREFIX + rest;
            if (dot < 1 || !JDBC_SINK_KEYS.contains(rest.substring(dot + 1))) {
                throw new ConfigException("unknown configuration key \"" + key + "\" (from " + source.origin(key)
                        + "): JDBC sink targets are sinks.jdbc.<name>.url, .user, .password and .driver");
            }
            names.add(rest.substring(0, dot));
        }
        for (String name : names) {
            String prefix = JDBC_SINK_PREFIX + name + ".";
            String url = source.string(prefix + "url")
                    .orElseThrow(() -> new ConfigException(
                            prefix + "url is required: the JDBC sink target " + name + " has other keys but no URL"));
            targets.put(
                    name,
                    new SinkConfig.JdbcTarget(
                            name,
                            url,
                            source.string(prefix + "user", ""),
                            source.string(prefix + "password", ""),
                            source.string(prefix + "driver", "")));
        }
        return new SinkConfig(targets);
    }

    private static WebhookConfig webhooks(ConfigSource source) {
        boolean enabled = source.bool("webhooks.enabled", false);
        String secret = source.string("webhooks.secret", "");
        if (enabled && secret.isBlank()) {
            throw new ConfigException("webhooks.enabled is true (from " + source.origin("webhooks.enabled")
                    + "), but webhooks.secret is not set: receivers verify X-Hearth-Signature with it. Set"
                    + " webhooks.secret (or HEARTH_WEBHOOKS_SECRET, or webhooks.secret = ${env:NAME}); see"
                    + " docs/webhooks.md.");
        }
        return new WebhookConfig(
                enabled,
                secret,
                source.duration("webhooks.timeout", WebhookConfig.DEFAULT_TIMEOUT),
                source.integer("webhooks.max-attempts", WebhookConfig.DEFAULT_MAX_ATTEMPTS),
                source.duration("webhooks.retry-initial", WebhookConfig.DEFAULT_RETRY_INITIAL),
                source.duration("webhooks.retry-max", WebhookConfig.DEFAULT_RETRY_MAX),
                Set.copyOf(source.list("webhooks.allowed-hosts")));
    }

    private static EventsConfig events(ConfigSource source) {
        EventDispatcher.DispatchConfig defaults = EventDispatcher.DispatchConfig.DEFAULT;
        return new EventsConfig(
                new EventDispatcher.DispatchConfig(
                        source.duration("events.poll-interval", defaults.pollInterval()),
                        source.integer("events.batch-size", defaults.batchSize()),
                        source.duration("events.retry-initial", defaults.retryInitial()),
                        source.duration("events.retry-max", defaults.retryMax()),
                        source.duration("events.gap-timeout", defaults.gapTimeout())),
                source.bytes("events.inline-max-bytes", EventsConfig.DEFAULT_INLINE_MAX_BYTES),
                source.duration("events.progress-interval", EventsConfig.DEFAULT_PROGRESS_INTERVAL),
                source.duration("events.retention", EventsConfig.DEFAULT_RETENTION),
                source.bool("events.log.enabled", false));
    }

    private static MessagingConfig messaging(ConfigSource source) {
        try {
            MessagingConfig.Mqtt mqtt = new MessagingConfig.Mqtt(
                    source.bool("messaging.mqtt.enabled", false),
                    source.string("messaging.mqtt.url", MessagingConfig.Mqtt.DEFAULT_URL),
                    source.string("messaging.mqtt.client-id", MessagingConfig.Mqtt.DEFAULT_CLIENT_ID),
                    source.string("messaging.mqtt.user"),
                    source.string("messaging.mqtt.password"),
                    source.string("messaging.mqtt.topic-prefix", MessagingConfig.Mqtt.DEFAULT_TOPIC_PREFIX),
                    source.integer("messaging.mqtt.qos", MessagingConfig.Mqtt.DEFAULT_QOS),
                    source.string("messaging.mqtt.requests-topic", MessagingConfig.Mqtt.DEFAULT_REQUESTS_TOPIC));
            MessagingConfig.Kafka kafka = new MessagingConfig.Kafka(
                    source.bool("messaging.kafka.enabled", false),
                    source.string("messaging.kafka.bootstrap-servers", MessagingConfig.Kafka.DEFAULT_BOOTSTRAP_SERVERS),
                    source.string("messaging.kafka.events-topic", MessagingConfig.Kafka.DEFAULT_EVENTS_TOPIC),
                    source.string("messaging.kafka.requests-topic", MessagingConfig.Kafka.DEFAULT_REQUESTS_TOPIC),
                    source.string("messaging.kafka.client-id", MessagingConfig.Kafka.DEFAULT_CLIENT_ID),
                    source.string("messaging.kafka.group-id", MessagingConfig.Kafka.DEFAULT_GROUP_ID),
                    source.withPrefix("messaging.kafka.properties."));
            boolean requests = source.bool("messaging.requests.enabled", false);
            if (requests && !mqtt.enabled() && !kafka.enabled()) {
                throw new ConfigException("messaging.requests.enabled is true, but neither messaging.mqtt.enabled nor"
                        + " messaging.kafka.enabled is: requests are taken from the enabled brokers");
            }
            return new MessagingConfig(mqtt, kafka, requests);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static final String MAX_RUNNING = "max-running";
    private static final String MAX_ENGINES = "max-engines";
    private static final String MAX_RESULT_BYTES = "max-result-bytes";
    private static final String USER_QUOTA_PREFIX = "quota.user.";

    private static QuotaConfig quotas(
            ConfigSource source, Map<String, Map<String, String>> userQuotaKeys, java.time.Duration retryAfter) {
        UserQuota defaults = new UserQuota(
                source.limit("quota.max-running", QuotaConfig.DEFAULT_MAX_RUNNING, false, UserQuota.UNLIMITED),
                source.limit(
                        "quota.max-result-bytes", QuotaConfig.DEFAULT_MAX_RESULT_BYTES, true, UserQuota.UNLIMITED));
        Map<String, UserQuota> users = new HashMap<>();
        userQuotaKeys.forEach((user, keys) -> users.put(
                user,
                new UserQuota(
                        keys.containsKey(MAX_RUNNING)
                                ? source.limit(keys.get(MAX_RUNNING), 0, false, UserQuota.UNLIMITED)
                                : defaults.maxRunning(),
                        keys.containsKey(MAX_RESULT_BYTES)
                                ? source.limit(keys.get(MAX_RESULT_BYTES), 0, true, UserQuota.UNLIMITED)
                                : defaults.maxResultBytes())));
        return new QuotaConfig(defaults, users, retryAfter);
    }

    /**
     * The per-user quota keys, {@code quota.user.<name>.<quota>}, by user and quota (the user's name
     * may hold dots; the quota is the last part); an unknown quota stops start-up.
     */
    private static Map<String, Map<String, String>> userQuotaKeys(ConfigSource source) {
        Map<String, Map<String, String>> byUser = new TreeMap<>();
        for (String rest : source.withPrefix(USER_QUOTA_PREFIX).keySet()) {
            String key = USER_QUOTA_PREFIX + rest;
            int dot = rest.lastIndexOf('.');
            String quota = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot < 1 || !Set.of(MAX_RUNNING, MAX_ENGINES, MAX_RESULT_BYTES).contains(quota)) {
                throw new ConfigException("unknown configuration key \"" + key + "\" (from " + source.origin(key)
                        + "): per-user quotas are quota.user.<name>.max-running, .max-engines and"
                        + " .max-result-bytes");
            }
            byUser.computeIfAbsent(rest.substring(0, dot), user -> new HashMap<>())
                    .put(quota, key);
        }
        return byUser;
    }

    /**
     * Without authentication anyone who reaches the port acts as the default user, so development
     * mode stays on this machine.
     */
    private static void requireLoopbackInDevelopmentMode(AuthConfig auth, HttpConfig http, ConfigSource source) {
        if (!auth.developmentMode() || isLoopback(http.host())) {
            return;
        }
        throw new ConfigException("http.host is " + http.host() + " (from " + source.origin("http.host")
                + "), but auth.methods is empty: without authentication (development mode, every request acts"
                + " as user '" + auth.defaultUser() + "') Hearth only listens on a loopback address such as"
                + " 127.0.0.1. Configure auth.methods (see docs/security.md) or listen on 127.0.0.1.");
    }

    private static void requireLoopbackInDevelopmentMode(
            AuthConfig auth, FlightSqlConfig flightSql, ConfigSource source) {
        if (!auth.developmentMode() || !flightSql.enabled() || isLoopback(flightSql.host())) {
            return;
        }
        throw new ConfigException("flight-sql.host is " + flightSql.host() + " (from "
                + source.origin("flight-sql.host") + "), but auth.methods is empty: without authentication"
                + " (development mode) Hearth only listens on a loopback address. Configure auth.methods (see"
                + " docs/security.md), listen on 127.0.0.1, or set flight-sql.enabled = false.");
    }

    private static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            throw new ConfigException("http.host " + host + " is not a known address");
        }
    }

    /** TLS is on when a key store or a PEM certificate is configured. */
    private static Optional<TlsConfig> tls(ConfigSource source) {
        Optional<Path> keyStore = source.string("http.tls.key-store").map(Path::of);
        Optional<Path> certificate = source.string("http.tls.certificate").map(Path::of);
        Optional<Path> privateKey = source.string("http.tls.private-key").map(Path::of);
        String password = source.string("http.tls.key-store-password", "");
        String type = source.string("http.tls.key-store-type", "PKCS12");
        Duration hsts = source.duration("http.tls.hsts-max-age", TlsConfig.DEFAULT_HSTS_MAX_AGE);
        if (keyStore.isEmpty() && certificate.isEmpty() && privateKey.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TlsConfig(keyStore, password, type, certificate, privateKey, hsts));
    }

    private static void readFile(Path file, Map<String, String> values, Map<String, String> origins) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key));
            origins.put(key, file.toString());
        }
    }
}
