package io.hearth.server;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.hearth.api.StatementState;
import io.hearth.api.engine.EngineState;
import io.hearth.api.event.ResourceKind;
import io.hearth.server.apidocs.ApiDocsRoutes;
import io.hearth.server.artifact.ArtifactRoutes;
import io.hearth.server.artifact.ArtifactService;
import io.hearth.server.artifact.ArtifactUsage;
import io.hearth.server.auth.AuditLog;
import io.hearth.server.auth.AuthChain;
import io.hearth.server.auth.AuthConfig;
import io.hearth.server.auth.AuthMethod;
import io.hearth.server.auth.Authenticator;
import io.hearth.server.auth.BasicMethod;
import io.hearth.server.auth.IdentityRoutes;
import io.hearth.server.auth.JwtConfig;
import io.hearth.server.auth.JwtMethod;
import io.hearth.server.auth.LdapMethod;
import io.hearth.server.auth.SingleUserAuthenticator;
import io.hearth.server.auth.TokenMethod;
import io.hearth.server.auth.TokenRoutes;
import io.hearth.server.auth.TokenService;
import io.hearth.server.batch.BatchId;
import io.hearth.server.batch.BatchLauncher;
import io.hearth.server.batch.BatchRoutes;
import io.hearth.server.batch.BatchService;
import io.hearth.server.batch.ProcessBatchLauncher;
import io.hearth.server.config.ConfigException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.context.ContextRoutes;
import io.hearth.server.context.ContextService;
import io.hearth.server.engine.EngineLauncher;
import io.hearth.server.engine.EngineMetrics;
import io.hearth.server.engine.EnginePool;
import io.hearth.server.engine.EngineRoutes;
import io.hearth.server.engine.ProcessEngineLauncher;
import io.hearth.server.event.EventChannel;
import io.hearth.server.event.EventDispatcher;
import io.hearth.server.event.EventRetention;
import io.hearth.server.event.EventRoutes;
import io.hearth.server.event.EventStreams;
import io.hearth.server.event.EventTargets;
import io.hearth.server.event.webhook.WebhookChannel;
import io.hearth.server.flightsql.FlightSqlServer;
import io.hearth.server.hs2.Hs2Catalog;
import io.hearth.server.hs2.Hs2Server;
import io.hearth.server.hs2.StatementSessionQueries;
import io.hearth.server.http.HttpMetrics;
import io.hearth.server.http.HttpServer;
import io.hearth.server.job.FunctionService;
import io.hearth.server.job.JobRoutes;
import io.hearth.server.job.JobService;
import io.hearth.server.messaging.Messaging;
import io.hearth.server.observe.ObservabilityRoutes;
import io.hearth.server.quota.Quotas;
import io.hearth.server.result.ResultMetrics;
import io.hearth.server.result.ResultStore;
import io.hearth.server.session.SessionId;
import io.hearth.server.session.SessionRoutes;
import io.hearth.server.session.SessionService;
import io.hearth.server.statement.StatementId;
import io.hearth.server.statement.StatementRoutes;
import io.hearth.server.statement.StatementService;
import io.hearth.server.statement.WorkKind;
import io.hearth.server.statement.WorkLogs;
import io.hearth.server.statement.WorkMetrics;
import io.hearth.server.store.Database;
import io.hearth.server.store.JdbcArtifactRepository;
import io.hearth.server.store.JdbcBatchRepository;
import io.hearth.server.store.JdbcContextRepository;
import io.hearth.server.store.JdbcEngineRepository;
import io.hearth.server.store.JdbcFunctionRepository;
import io.hearth.server.store.JdbcOutbox;
import io.hearth.server.store.JdbcSessionRepository;
import io.hearth.server.store.JdbcStatementRepository;
import io.hearth.server.store.JdbcStreamRepository;
import io.hearth.server.store.JdbcTokenRepository;
import io.hearth.server.store.JdbcWebhookDeliveries;
import io.hearth.server.stream.StreamId;
import io.hearth.server.stream.StreamRoutes;
import io.hearth.server.stream.StreamService;
import io.hearth.server.ui.UiRoutes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that wires the gateway's services together, and owns their
 * lifecycle. Closing it stops the REST API, the engines, the statement runners and the store, in
 * that order.
 */
public final class HearthServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HearthServer.class);
    /** How often events past {@code events.retention} are looked for. */
    private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(10);

    private final List<AutoCloseable> closeables;
    private final HttpServer http;
    private final Optional<Hs2Server> hs2;
    private final Optional<FlightSqlServer> flightSql;

    private HearthServer(
            List<AutoCloseable> closeables,
            HttpServer http,
            Optional<Hs2Server> hs2,
            Optional<FlightSqlServer> flightSql) {
        this.closeables = closeables;
        this.http = http;
        this.hs2 = hs2;
        this.flightSql = flightSql;
    }

    /** Starts Hearth with engines launched as real processes. */
    public static HearthServer start(HearthConfig config) throws IOException {
        return start(config, new ProcessEngineLauncher(config.engine()), Clock.systemUTC());
    }

    /** Starts Hearth with a chosen engine launcher (tests run in-process engines this way). */
    public static HearthServer start(HearthConfig config, EngineLauncher launcher, Clock clock) throws IOException {
        return start(config, launcher, new ProcessBatchLauncher(config.engine(), config.impersonation()), clock);
    }

    /** Starts Hearth with chosen engine and batch launchers. */
    public static HearthServer start(
            HearthConfig config, EngineLauncher launcher, BatchLauncher batchLauncher, Clock clock) throws IOException {
        requireNonNull(config, "config is null");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Files.createDirectories(config.dataDirectory());
            Database database = Database.open(config.store());
            started.add(database);
            JdbcOutbox outbox = new JdbcOutbox(database.dataSource());
            TokenService tokens = new TokenService(
                    new JdbcTokenRepository(database.dataSource()),
                    config.tokens(),
                    clock,
                    new SecureRandom(),
                    () -> UUID.randomUUID().toString());
            // before any engine starts: a missing users file or an unknown method stops start-up at once
            Authenticator authenticator = authenticator(config, tokens, clock, started);
            JdbcStatementRepository repository = new JdbcStatementRepository(database.dataSource());
            ResultStore results = new ResultStore(config.result());
            started.add(results);
            PrometheusMeterRegistry metrics = jvmMetrics(started);
            database.bindMetrics(metrics);
            // artifacts and functions need each other: deleting an artifact asks which functions use it
            AtomicReference<FunctionService> functionsOnceBuilt = new AtomicReference<>();
            ArtifactUsage artifactUsage = artifactId -> functionsOnceBuilt.get().functionsUsing(artifactId);
            ArtifactService artifacts = new ArtifactService(
                    new JdbcArtifactRepository(database.dataSource(), config.artifact()::fileFor),
                    artifactUsage,
                    config.artifact(),
                    clock,
                    () -> UUID.randomUUID().toString());
            ContextService contexts = new ContextService(
                    new JdbcContextRepository(database.dataSource()),
                    config.pool().defaultContext(),
                    config.pool().maxTotal(),
                    artifacts,
                    config.impersonation(),
                    clock);
            EnginePool engines = EnginePool.start(
                    config.engine(),
                    config.pool(),
                    contexts,
                    config.engineRecovery(),
                    config.impersonation(),
                    new JdbcEngineRepository(database.dataSource()),
                    launcher,
                    outbox,
                    clock,
                    new EngineMetrics(metrics));
            Set<String> recoveringEngines = engines.recoveringEngineIds();
            SessionService sessions = new SessionService(
                    new JdbcSessionRepository(database.dataSource()),
                    engines,
                    config.session(),
                    clock,
                    () -> new SessionId(UUID.randomUUID().toString()));
            engines.onEngineEnded(sessions::engineEnded);
            // a callback_url is refused while webhooks are off: nothing would be POSTed to it
            EventTargets eventTargets = new EventTargets(config.webhooks().enabled());
            StatementService statements = new StatementService(
                    repository,
                    engines,
                    sessions,
                    results,
                    new WorkLogs(config.dataDirectory().resolve("logs")),
                    config.statement(),
                    config.sinks(),
                    config.result().ttl(),
                    new Quotas(config.quota(), repository, clock),
                    outbox,
                    config.events(),
                    eventTargets,
                    clock,
                    () -> new StatementId(UUID.randomUUID().toString()),
                    new WorkMetrics(metrics));
            sessions.onClosedByRequest(statements::cancelSessionWork);
            // closed in reverse: sessions stop closing first (their engines' end is the gateway's stop, not
            // a loss), then engines end, so running statements fail and their runners finish
            started.add(statements);
            started.add(engines);
            started.add(statements::stopStartingWork);
            started.add(sessions);
            // sessions first: a queued statement of a session that cannot come back fails at once
            sessions.closeAbandonedSessions(recoveringEngines);
            statements.recoverInterruptedWork(recoveringEngines);
            FunctionService functions =
                    new FunctionService(new JdbcFunctionRepository(database.dataSource()), artifacts, engines, clock);
            functionsOnceBuilt.set(functions);
            JobService jobs = new JobService(functions, statements, eventTargets);
            BatchService batches = new BatchService(
                    new JdbcBatchRepository(database.dataSource()),
                    artifacts,
                    batchLauncher,
                    config.batch(),
                    eventTargets,
                    clock,
                    () -> new BatchId(UUID.randomUUID().toString()));
            // batches die with the gateway: closed before the store, which records how they ended
            started.add(batches);
            batches.failInterruptedBatches();
            StreamService streams = new StreamService(
                    new JdbcStreamRepository(database.dataSource()),
                    engines,
                    outbox,
                    config.streams(),
                    eventTargets,
                    clock,
                    () -> new StreamId(UUID.randomUUID().toString()));
            // closed before the engines: an engine's end at the gateway's stop is no loss to restart from
            started.add(streams);
            engines.onEngineEnded(streams::engineEnded);
            streams.recoverStreams(recoveringEngines);
            // one store query per scrape, not one per state
            Supplier<Map<WorkKind, Map<StatementState, Long>>> statementCounts =
                    Suppliers.memoizeWithExpiration(repository::countByKindAndState, 1, TimeUnit.SECONDS);
            for (WorkKind kind : WorkKind.values()) {
                for (StatementState state : StatementState.values()) {
                    Gauge.builder(
                                    "hearth.statements",
                                    statementCounts,
                                    counts -> counts.get().get(kind).getOrDefault(state, 0L))
                            .description("Statements and jobs in the metadata store, by kind and state")
                            .tag("kind", kind.name())
                            .tag("state", state.name())
                            // the memoizing supplier lives nowhere else: a weakly held one is collected and reads NaN
                            .strongReference(true)
                            .register(metrics);
                }
            }
            for (EngineState state : EngineState.values()) {
                Gauge.builder(
                                "hearth.engines",
                                engines,
                                pool -> pool.list().stream()
                                        .filter(engine -> engine.state() == state)
                                        .count())
                        .description("Engines this gateway supervises, by state")
                        .tag("state", state.name())
                        .register(metrics);
            }
            Gauge.builder("hearth.engine.queue.length", engines, EnginePool::queueLength)
                    .description("Requests waiting in the admission queue for an engine to take them")
                    .register(metrics);
            Gauge.builder("hearth.engine.admitted", engines, EnginePool::admittedCount)
                    .description("Work admitted (counted against engine.queue.max-size) and not yet holding an engine")
                    .register(metrics);
            AuditLog audit = new AuditLog();
            // the MQTT and Kafka channels, and the consumers of requests by message; closed after the
            // dispatcher that publishes to its channels
            Messaging messaging =
                    Messaging.start(config.messaging(), authenticator, statements, jobs, outbox, audit, clock);
            started.add(messaging);
            // channels publish from the outbox; closed before the store (and before the services that
            // write events, which close earlier still)
            List<EventChannel> channels = eventChannels(config, database, messaging, clock);
            for (EventChannel channel : channels) {
                Gauge.builder("hearth.events.backlog", outbox, store -> eventBacklog(store, channel.name()))
                        .description("Events in the outbox not yet published to the channel (by sequence number)")
                        .tag("channel", channel.name())
                        .register(metrics);
            }
            started.add(new EventDispatcher(
                            outbox, outbox, channels, config.events().dispatch(), clock)
                    .start());
            started.add(EventRetention.start(outbox, config.events().retention(), RETENTION_INTERVAL, clock));
            EventStreams eventStreams = new EventStreams(outbox, config.events(), EventStreams.HEARTBEAT, clock);
            ResultMetrics resultMetrics = new ResultMetrics(metrics);
            HttpServer http = HttpServer.start(
                    config.http(),
                    authenticator,
                    audit,
                    new HttpMetrics(metrics),
                    List.of(
                            new StatementRoutes(statements, resultMetrics),
                            new SessionRoutes(sessions),
                            new JobRoutes(functions, jobs, statements, resultMetrics),
                            new EngineRoutes(engines),
                            new ContextRoutes(contexts, engines),
                            new ArtifactRoutes(artifacts),
                            new BatchRoutes(batches),
                            new StreamRoutes(streams),
                            new TokenRoutes(tokens),
                            new IdentityRoutes(),
                            new UiRoutes(),
                            new ObservabilityRoutes(database::isHealthy, metrics),
                            new ApiDocsRoutes(),
                            new EventRoutes(eventStreams, eventAccess(statements, batches, sessions, streams))));
            started.add(http);
            // open event streams end before the HTTP server stops
            started.add(eventStreams);
            Optional<Hs2Server> hs2 = Optional.empty();
            if (config.hs2().enabled()) {
                // after the services it calls, so it stops before them
                hs2 = Optional.of(Hs2Server.start(
                        config.hs2(),
                        authenticator,
                        config.auth().developmentMode(),
                        audit,
                        sessions,
                        statements,
                        new Hs2Catalog(new StatementSessionQueries(statements)),
                        resultMetrics));
                started.add(hs2.get());
            }
            // after the services it calls, so closed before them
            Optional<FlightSqlServer> flightSql = Optional.empty();
            if (config.flightSql().enabled()) {
                flightSql = Optional.of(FlightSqlServer.start(
                        config.flightSql(),
                        authenticator,
                        statements,
                        resultMetrics,
                        Optional.ofNullable(HearthServer.class.getPackage().getImplementationVersion())
                                .orElse("development")));
                started.add(flightSql.get());
            }
            return new HearthServer(started, http, hs2, flightSql);
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** A Prometheus registry with the JVM's memory, GC, threads, classes, CPU, uptime and file descriptors. */
    private static PrometheusMeterRegistry jvmMetrics(List<AutoCloseable> started) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(metrics);
        started.add(gc);
        new JvmThreadMetrics().bindTo(metrics);
        new ClassLoaderMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        new FileDescriptorMetrics().bindTo(metrics);
        new JvmInfoMetrics().bindTo(metrics);
        return metrics;
    }

    /** How far the channel's cursor is behind the newest event (a channel without a cursor yet starts at the newest). */
    private static double eventBacklog(JdbcOutbox outbox, String channel) {
        long latest = outbox.latestSequence();
        return Math.max(0, latest - outbox.find(channel).orElse(latest));
    }

    /** Who may see each kind of resource's event stream: whoever may see the resource. */
    private static Map<ResourceKind, EventRoutes.ResourceAccess> eventAccess(
            StatementService statements, BatchService batches, SessionService sessions, StreamService streams) {
        Map<ResourceKind, EventRoutes.ResourceAccess> access = new EnumMap<>(ResourceKind.class);
        access.put(
                ResourceKind.STATEMENT,
                (principal, id) -> statements.find(principal, new StatementId(id), WorkKind.STATEMENT));
        access.put(ResourceKind.JOB, (principal, id) -> statements.find(principal, new StatementId(id), WorkKind.JOB));
        access.put(ResourceKind.BATCH, (principal, id) -> batches.find(principal, new BatchId(id)));
        access.put(ResourceKind.SESSION, (principal, id) -> sessions.find(principal, new SessionId(id)));
        access.put(ResourceKind.STREAM, (principal, id) -> streams.find(principal, new StreamId(id)));
        return access;
    }

    /**
     * The channels events are published to besides SSE (which reads the outbox itself); each keeps
     * its own cursor in the store.
     */
    private static List<EventChannel> eventChannels(
            HearthConfig config, Database database, Messaging messaging, Clock clock) {
        List<EventChannel> channels = new ArrayList<>(messaging.channels());
        if (config.webhooks().enabled()) {
            channels.add(new WebhookChannel(config.webhooks(), new JdbcWebhookDeliveries(database.dataSource()), clock)
                    .start());
        }
        return channels;
    }

    /**
     * The authentication chain {@code auth.methods} names, or development mode without one. A
     * method named there but not wired here stops start-up with a message naming it.
     */
    private static <T extends AutoCloseable> T closedAtStop(List<AutoCloseable> started, T method) {
        started.add(method);
        return method;
    }

    private static ConfigException unconfigured(String method, String key) {
        return new ConfigException("auth.methods lists " + method + ", but no auth." + method + ".* key is set (start"
                + " with " + key + "; see docs/security.md)");
    }

    private static Authenticator authenticator(
            HearthConfig config, TokenService tokens, Clock clock, List<AutoCloseable> started) {
        AuthConfig auth = config.auth();
        if (auth.developmentMode()) {
            log.warn(
                    "DEVELOPMENT MODE: auth.methods is empty, so there is no authentication and every request acts"
                            + " as user '{}', an admin. Hearth listens only on a loopback address this way; set"
                            + " auth.methods (see docs/security.md) before anyone else can reach it.",
                    auth.defaultUser());
            return new SingleUserAuthenticator(auth.defaultUser());
        }
        Map<String, java.util.function.Supplier<AuthMethod>> available = new LinkedHashMap<>();
        available.put(BasicMethod.NAME, () -> new BasicMethod(auth.usersFile()));
        available.put(TokenMethod.NAME, () -> new TokenMethod(tokens));
        available.put(
                LdapMethod.NAME,
                () -> closedAtStop(
                        started,
                        new LdapMethod(
                                config.ldap().orElseThrow(() -> unconfigured(LdapMethod.NAME, "auth.ldap.url")))));
        available.put(JwtMethod.NAME, () -> {
            JwtConfig jwt = config.jwt().orElseThrow(() -> unconfigured(JwtMethod.NAME, "auth.jwt.issuer"));
            try {
                return closedAtStop(started, new JwtMethod(jwt, clock));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("the jwt authentication method cannot start: " + e.getMessage());
            }
        });
        AuthChain chain = AuthChain.fromConfig(auth, available, clock);
        log.info(
                "Authentication: {} (admins: {}; admin groups: {})", auth.methods(), auth.admins(), auth.adminGroups());
        return chain;
    }

    /** The port the REST API listens on. */
    public int port() {
        return http.port();
    }

    /** The port the HiveServer2 binary transport listens on, or -1 when {@code hs2.enabled} is false. */
    public int hs2Port() {
        return hs2.map(Hs2Server::port).orElse(-1);
    }

    /** The port the HiveServer2 HTTP transport listens on, or -1 when it is off. */
    public int hs2HttpPort() {
        return hs2.map(Hs2Server::httpPort).orElse(-1);
    }

    /** The port Arrow Flight SQL listens on, when {@code flight-sql.enabled}. */
    public OptionalInt flightSqlPort() {
        return flightSql.map(server -> OptionalInt.of(server.port())).orElse(OptionalInt.empty());
    }

    /** Every REST route, as {@code METHOD path} (see {@link HttpServer#routes}). */
    public List<String> routes() {
        return http.routes();
    }

    @Override
    public void close() {
        closeAll(closeables);
    }

    private static void closeAll(List<AutoCloseable> started) {
        List<AutoCloseable> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (AutoCloseable closeable : reversed) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing {} failed", closeable.getClass().getSimpleName(), e);
            }
        }
    }
}
