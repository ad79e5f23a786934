package io.hearth.server.hs2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.session.SessionRequest;
import io.hearth.server.auth.Principal;
import io.hearth.server.config.ConfigLoader;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.engine.ContextCatalog;
import io.hearth.server.engine.EngineContext;
import io.hearth.server.engine.EnginePool;
import io.hearth.server.engine.EngineRepository;
import io.hearth.server.engine.TestingEngineLauncher;
import io.hearth.server.event.Outbox;
import io.hearth.server.quota.Quotas;
import io.hearth.server.result.ResultStore;
import io.hearth.server.session.SessionId;
import io.hearth.server.session.SessionService;
import io.hearth.server.statement.StatementId;
import io.hearth.server.statement.StatementService;
import io.hearth.server.statement.WorkLogs;
import io.hearth.server.store.Database;
import io.hearth.server.store.JdbcSessionRepository;
import io.hearth.server.store.JdbcStatementRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statement-service queries against the in-process testing engine (which speaks a tiny
 * language, not SQL: {@code set}/{@code get} keep values per session, {@code range(N)} answers
 * rows, {@code fail} fails), wired as the gateway wires them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementSessionQueriesTest {
    private static final Principal ALICE = new Principal("alice");
    private static final Principal BOB = new Principal("bob");

    @TempDir
    static Path dataDirectory;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private SessionService sessions;
    private StatementSessionQueries queries;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("data-dir", dataDirectory.toString());
        settings.put("engine.heartbeat-interval", "200ms");
        settings.put("engine.start-timeout", "10s");
        settings.put("engine.registration-port", "0");
        settings.put("engine.stop-on-shutdown", "true");
        // small chunks, so a result of several chunks is read whole
        settings.put("result.chunk-max-rows", "1000");
        HearthConfig config = ConfigLoader.load(Optional.empty(), Map.of(), settings, dataDirectory);
        Clock clock = Clock.systemUTC();
        Database database = Database.open(config.store());
        closeables.add(database);
        JdbcStatementRepository repository = new JdbcStatementRepository(database.dataSource());
        ResultStore results = new ResultStore(config.result());
        closeables.add(results);
        TestingEngineLauncher launcher = new TestingEngineLauncher();
        closeables.add(launcher);
        EngineContext defaultContext = config.pool().defaultContext();
        EnginePool engines = EnginePool.start(
                config.engine(),
                config.pool(),
                new ContextCatalog() {
                    @Override
                    public Optional<EngineContext> find(String name) {
                        return Optional.of(defaultContext)
                                .filter(context -> context.name().equals(name));
                    }

                    @Override
                    public Optional<EngineContext> find(Principal principal, String name) {
                        return find(name);
                    }

                    @Override
                    public List<EngineContext> all() {
                        return List.of(defaultContext);
                    }
                },
                config.engineRecovery(),
                config.impersonation(),
                EngineRepository.NONE,
                launcher,
                clock);
        closeables.add(engines);
        sessions = new SessionService(
                new JdbcSessionRepository(database.dataSource()),
                engines,
                config.session(),
                clock,
                () -> new SessionId(UUID.randomUUID().toString()));
        closeables.add(sessions);
        StatementService statements = new StatementService(
                repository,
                engines,
                sessions,
                results,
                new WorkLogs(dataDirectory.resolve("logs")),
                config.statement(),
                config.result().ttl(),
                new Quotas(config.quota(), repository, clock),
                Outbox.NONE,
                config.events(),
                clock,
                () -> new StatementId(UUID.randomUUID().toString()));
        closeables.add(statements);
        queries = new StatementSessionQueries(statements);
    }

    @AfterAll
    void stop() throws Exception {
        List<AutoCloseable> reversed = new ArrayList<>(closeables);
        Collections.reverse(reversed);
        for (AutoCloseable closeable : reversed) {
            closeable.close();
        }
    }

    @Test
    void runsInTheGivenSession() throws Exception {
        SessionId first = open(ALICE);
        SessionId second = open(ALICE);

        assertThat(queries.run(ALICE, first, "set color=blue")).containsExactly(List.of("blue"));

        assertThat(queries.run(ALICE, first, "get color")).containsExactly(List.of("blue"));
        assertThat(queries.run(ALICE, second, "get color"))
                .as("another session keeps its own values")
                .containsExactly(Arrays.asList((Object) null));
    }

    @Test
    void runsAsTheGivenUserWhoMustOwnTheSession() throws Exception {
        SessionId alices = open(ALICE);

        assertThatThrownBy(() -> queries.run(BOB, alices, "get color"))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(queries.run(ALICE, alices, "get color")).hasSize(1);
    }

    @Test
    void readsEveryChunkOfTheResult() throws Exception {
        SessionId session = open(ALICE);

        List<List<Object>> rows = queries.run(ALICE, session, "select * from range(2500)");

        assertThat(rows).hasSize(2500);
        assertThat(rows.get(0)).containsExactly(0L);
        assertThat(rows.get(2499)).containsExactly(2499L);
    }

    @Test
    void aFailedStatementCarriesSparksConditionAndSqlState() throws Exception {
        SessionId session = open(ALICE);

        assertThatThrownBy(() -> queries.run(ALICE, session, "fail SCHEMA_NOT_FOUND 42704"))
                .isInstanceOfSatisfying(QueryFailedException.class, e -> {
                    assertThat(e.hasCondition("SCHEMA_NOT_FOUND")).isTrue();
                    assertThat(e.error().sqlState()).isEqualTo("42704");
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SQL_ERROR);
                });
    }

    @Test
    void aClosedSessionIsRefused() throws Exception {
        SessionId session = open(ALICE);
        sessions.close(ALICE, session);

        assertThatThrownBy(() -> queries.run(ALICE, session, "get color"))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SESSION_CLOSED));
    }

    private SessionId open(Principal principal) throws InterruptedException {
        return sessions.open(principal, new SessionRequest(null, Map.of())).id();
    }
}
