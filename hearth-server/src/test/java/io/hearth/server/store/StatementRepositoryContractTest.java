package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.statement.ChunkInfo;
import io.hearth.api.statement.ColumnInfo;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.ResultSchema;
import io.hearth.api.statement.ResultSink;
import io.hearth.api.statement.SinkResult;
import io.hearth.api.statement.StatementError;
import io.hearth.api.statement.StatementParameter;
import io.hearth.server.statement.JobSpec;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementId;
import io.hearth.server.statement.StatementPage;
import io.hearth.server.statement.WorkKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcStatementRepository} store must do, run against each database. */
abstract class StatementRepositoryContractTest extends RepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123456Z");

    private JdbcStatementRepository repository;
    private int nextId;

    protected StatementRepositoryContractTest(ContractStore store) {
        super(store, "statements");
    }

    @BeforeAll
    void createRepositories() {
        repository = new JdbcStatementRepository(dataSource());
    }

    @Test
    void roundTripsEveryField() {
        Statement accepted = statement("alice", "key-1", T0);
        assertThat(repository.insert(accepted)).isEqualTo(accepted);
        assertThat(repository.find(accepted.id())).contains(accepted);

        ResultManifest manifest = manifest();
        Instant started = T0.plusMillis(5);
        Instant finished = T0.plusMillis(1234).plusNanos(567_000);
        Instant expires = finished.plus(Duration.ofHours(24));
        assertThat(repository.markRunning(accepted.id(), "engine-7", started)).isTrue();
        assertThat(repository.markSucceeded(accepted.id(), manifest, null, null, finished, expires))
                .isTrue();

        Statement stored = repository.find(accepted.id()).orElseThrow();
        assertThat(stored)
                .isEqualTo(new Statement(
                        accepted.id(),
                        "alice",
                        accepted.text(),
                        accepted.parameters(),
                        ResultFormat.CSV,
                        1000L,
                        "key-1",
                        StatementState.SUCCEEDED,
                        T0,
                        started,
                        finished,
                        "engine-7",
                        null,
                        manifest,
                        expires,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        assertThat(stored.manifest().chunks()).hasSize(2);
    }

    @Test
    void roundTripsAResultSinkAndTheRowsItWrote() {
        SinkResult requested = SinkResult.requested(
                new ResultSink(null, new ResultSink.JdbcSink("warehouse", "public.daily"), ResultSink.SinkMode.APPEND));
        Statement accepted = Statement.accepted(
                        newId(), "alice", "select 1", List.of(), ResultFormat.JSON_ARRAY, null, null, T0)
                .withSink(requested);
        repository.insert(accepted);
        assertThat(repository.find(accepted.id()).orElseThrow().sink()).isEqualTo(requested);

        assertThat(repository.markRunning(accepted.id(), "engine-1", T0)).isTrue();
        repository.recordSink(accepted.id(), requested.withRowsWritten(42L));

        SinkResult stored = repository.find(accepted.id()).orElseThrow().sink();
        assertThat(stored.jdbc()).isEqualTo(new ResultSink.JdbcSink("warehouse", "public.daily"));
        assertThat(stored.table()).isNull();
        assertThat(stored.mode()).isEqualTo(ResultSink.SinkMode.APPEND);
        assertThat(stored.rowsWritten()).isEqualTo(42L);
    }

    @Test
    void roundTripsAJobInASessionWithItsResultValue() {
        JobSpec job = new JobSpec("word-count", "a1", "/data/artifacts/ab.jar", "ab", "x.WordCount", "{\"n\":3}");
        Statement accepted = Statement.accepted(
                        newId(), "alice", "word-count", List.of(), ResultFormat.JSON_ARRAY, null, null, T0)
                .withSession("s-1")
                .withJob(job);
        repository.insert(accepted);
        assertThat(repository.find(accepted.id())).contains(accepted);
        assertThat(accepted.kind()).isEqualTo(WorkKind.JOB);

        repository.markRunning(accepted.id(), "engine-1", T0);
        repository.markSucceeded(
                accepted.id(), manifest(), "{\"words\":42}", null, T0.plusSeconds(1), T0.plusSeconds(60));
        Statement stored = repository.find(accepted.id()).orElseThrow();
        assertThat(stored.resultValue()).isEqualTo("{\"words\":42}");
        assertThat(stored.job()).isEqualTo(job);
        assertThat(stored.sessionId()).isEqualTo("s-1");
    }

    @Test
    void listsStatementsAndJobsApart() {
        Statement sql = statement("alice", null, T0);
        Statement job = Statement.accepted(
                        newId(), "alice", "f", List.of(), ResultFormat.JSON_ARRAY, null, null, T0.plusSeconds(1))
                .withJob(new JobSpec("f", "a1", "/a.jar", "ab", "x.F", "{}"));
        repository.insert(sql);
        repository.insert(job);
        assertThat(repository.list(Optional.of("alice"), WorkKind.STATEMENT, Optional.empty(), Optional.empty(), 10))
                .extracting(Statement::id)
                .containsExactly(sql.id());
        assertThat(repository.list(Optional.of("alice"), WorkKind.JOB, Optional.empty(), Optional.empty(), 10))
                .extracting(Statement::id)
                .containsExactly(job.id());
    }

    @Test
    void listsOneSessionsStatementsNewestFirst() {
        Statement first = statement("alice", null, T0).withSession("s-1");
        Statement elsewhere = statement("alice", null, T0.plusSeconds(1)).withSession("s-2");
        Statement outside = statement("alice", null, T0.plusSeconds(2));
        Statement second = statement("alice", null, T0.plusSeconds(3)).withSession("s-1");
        List.of(first, elsewhere, outside, second).forEach(repository::insert);

        assertThat(repository.list(
                        Optional.of("alice"),
                        WorkKind.STATEMENT,
                        Optional.empty(),
                        Optional.of("s-1"),
                        Optional.empty(),
                        10))
                .extracting(Statement::id)
                .containsExactly(second.id(), first.id());
        assertThat(repository.list(
                        Optional.of("bob"),
                        WorkKind.STATEMENT,
                        Optional.empty(),
                        Optional.of("s-1"),
                        Optional.empty(),
                        10))
                .isEmpty();
        assertThat(repository.list(
                        Optional.of("alice"),
                        WorkKind.STATEMENT,
                        Optional.empty(),
                        Optional.of("s-1"),
                        Optional.of(new StatementPage(second.createdAt(), second.id())),
                        10))
                .extracting(Statement::id)
                .containsExactly(first.id());
    }

    @Test
    void listsEveryOwnersWorkWhenNoOwnerIsGiven() {
        Statement alices = statement("alice", null, T0);
        Statement bobs = statement("bob", null, T0.plusSeconds(1));
        repository.insert(alices);
        repository.insert(bobs);
        assertThat(repository.list(Optional.empty(), WorkKind.STATEMENT, Optional.empty(), Optional.empty(), 10))
                .extracting(Statement::id)
                .containsExactly(bobs.id(), alices.id());
        assertThat(repository.list(Optional.of("bob"), WorkKind.STATEMENT, Optional.empty(), Optional.empty(), 10))
                .extracting(Statement::id)
                .containsExactly(bobs.id());
    }

    @Test
    void roundTripsAnErrorAndNullFields() {
        Statement accepted =
                Statement.accepted(newId(), "alice", "select 1", List.of(), ResultFormat.JSON_ARRAY, null, null, T0);
        repository.insert(accepted);
        assertThat(repository.find(accepted.id())).contains(accepted);

        StatementError error = new StatementError("TABLE_OR_VIEW_NOT_FOUND", "The table `t` cannot be found.", "42P01");
        assertThat(repository.markFailed(accepted.id(), error, T0.plusSeconds(1)))
                .isTrue();
        Statement failed = repository.find(accepted.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(StatementState.FAILED);
        assertThat(failed.error()).isEqualTo(error);
        assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(failed.startedAt()).isNull();
        assertThat(failed.rowLimit()).isNull();
        assertThat(failed.idempotencyKey()).isNull();
        assertThat(failed.manifest()).isNull();

        StatementError partial = new StatementError("ENGINE_LOST", "the engine stopped answering", null);
        Statement other = insert("alice", null, T0);
        repository.markFailed(other.id(), partial, T0);
        assertThat(repository.find(other.id()).orElseThrow().error()).isEqualTo(partial);
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(repository.find(new StatementId("no-such-statement"))).isEmpty();
    }

    @Test
    void storesLongTextAndUnicode() {
        String text = "select '" + "é✓😀".repeat(50_000) + "'";
        Statement accepted = Statement.accepted(newId(), "алиса", text, List.of(), ResultFormat.CSV, null, null, T0);
        repository.insert(accepted);
        assertThat(repository.find(accepted.id()).orElseThrow().text()).isEqualTo(text);
    }

    @Test
    void returnsTheExistingStatementForARepeatedIdempotencyKey() {
        Statement first = insert("alice", "retry-me", T0);
        Statement retry = Statement.accepted(
                newId(),
                "alice",
                "select 'something else'",
                List.of(),
                ResultFormat.CSV,
                null,
                "retry-me",
                T0.plusSeconds(1));

        assertThat(repository.insert(retry)).isEqualTo(first);
        assertThat(repository.find(retry.id())).isEmpty();
    }

    @Test
    void letsDifferentOwnersReuseAKeyAndNullKeysNeverCollide() {
        Statement alice = insert("alice", "shared-key", T0);
        Statement bob = insert("bob", "shared-key", T0);
        Statement first = insert("alice", null, T0);
        Statement second = insert("alice", null, T0);

        for (Statement statement : List.of(alice, bob, first, second)) {
            assertThat(repository.find(statement.id())).contains(statement);
        }
    }

    @Test
    void keepsOneRowWhenEightThreadsRaceOnOneKey() throws Exception {
        int threads = 8;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Statement>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Statement candidate = statement("alice", "raced", T0.plusMillis(i));
                Callable<Statement> task = () -> {
                    start.await();
                    return repository.insert(candidate);
                };
                results.add(executor.submit(task));
            }
            start.countDown();
            Set<StatementId> winners = new HashSet<>();
            for (Future<Statement> result : results) {
                winners.add(result.get(30, TimeUnit.SECONDS).id());
            }
            assertThat(winners).hasSize(1);
            assertThat(repository.list(
                            Optional.of("alice"), WorkKind.STATEMENT, Optional.empty(), Optional.empty(), 100))
                    .extracting(Statement::id)
                    .containsExactlyElementsOf(winners);
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void movesPendingToRunningOnlyOnce() {
        Statement statement = insert("alice", null, T0);

        assertThat(repository.markRunning(statement.id(), "engine-1", T0)).isTrue();
        assertThat(repository.markRunning(statement.id(), "engine-2", T0.plusSeconds(1)))
                .isFalse();

        Statement running = repository.find(statement.id()).orElseThrow();
        assertThat(running.state()).isEqualTo(StatementState.RUNNING);
        assertThat(running.engineId()).isEqualTo("engine-1");
        assertThat(running.startedAt()).isEqualTo(T0);
    }

    @Test
    void succeedsOnlyFromRunning() {
        Statement statement = insert("alice", null, T0);

        assertThat(repository.markSucceeded(statement.id(), manifest(), null, null, T0, T0.plusSeconds(60)))
                .isFalse();
        assertThat(repository.find(statement.id())).contains(statement);

        repository.markRunning(statement.id(), "engine-1", T0);
        assertThat(repository.markSucceeded(statement.id(), manifest(), null, null, T0, T0.plusSeconds(60)))
                .isTrue();
        assertThat(repository.markSucceeded(
                        statement.id(), manifest(), null, null, T0.plusSeconds(5), T0.plusSeconds(65)))
                .isFalse();
        assertThat(repository.find(statement.id()).orElseThrow().finishedAt()).isEqualTo(T0);
    }

    @Test
    void failsOrCancelsOnlyWhileUnfinished() {
        StatementError error = new StatementError("ENGINE_LOST", "lost", null);
        Statement pending = insert("alice", null, T0);
        Statement running = insert("alice", null, T0);
        Statement succeeded = insert("alice", null, T0);
        repository.markRunning(running.id(), "engine-1", T0);
        repository.markRunning(succeeded.id(), "engine-1", T0);
        repository.markSucceeded(succeeded.id(), manifest(), null, null, T0, T0.plusSeconds(60));
        Statement succeededBefore = repository.find(succeeded.id()).orElseThrow();

        assertThat(repository.markFailed(pending.id(), error, T0)).isTrue();
        assertThat(repository.markCanceled(running.id(), T0)).isTrue();
        assertThat(repository.markFailed(succeeded.id(), error, T0)).isFalse();
        assertThat(repository.markCanceled(succeeded.id(), T0)).isFalse();
        assertThat(repository.markCanceled(pending.id(), T0)).isFalse();
        assertThat(repository.markFailed(running.id(), error, T0)).isFalse();
        assertThat(repository.markRunning(pending.id(), "engine-1", T0)).isFalse();

        assertThat(repository.find(pending.id()).orElseThrow().state()).isEqualTo(StatementState.FAILED);
        Statement canceled = repository.find(running.id()).orElseThrow();
        assertThat(canceled.state()).isEqualTo(StatementState.CANCELED);
        assertThat(canceled.error()).isNull();
        assertThat(repository.find(succeeded.id())).contains(succeededBefore);
    }

    @Test
    void cancelsAPendingStatement() {
        Statement pending = insert("alice", null, T0);
        assertThat(repository.markCanceled(pending.id(), T0.plusSeconds(3))).isTrue();
        Statement canceled = repository.find(pending.id()).orElseThrow();
        assertThat(canceled.state()).isEqualTo(StatementState.CANCELED);
        assertThat(canceled.finishedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void reportsNoChangeForAnUnknownStatement() {
        StatementId unknown = new StatementId("no-such-statement");
        assertThat(repository.markRunning(unknown, "engine-1", T0)).isFalse();
        assertThat(repository.markSucceeded(unknown, manifest(), null, null, T0, T0))
                .isFalse();
        assertThat(repository.markFailed(unknown, new StatementError("X", "x", null), T0))
                .isFalse();
        assertThat(repository.markCanceled(unknown, T0)).isFalse();
        assertThat(repository.markClosed(unknown)).isFalse();
    }

    @Test
    void listsNewestFirstAcrossPagesWithEqualTimestamps() {
        List<Statement> inserted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Three share each timestamp, so only the id breaks ties.
            inserted.add(insert("alice", null, T0.plusMillis(i / 3)));
        }
        List<StatementId> expected = inserted.stream()
                .sorted((a, b) -> {
                    int byTime = b.createdAt().compareTo(a.createdAt());
                    return byTime != 0 ? byTime : b.id().value().compareTo(a.id().value());
                })
                .map(Statement::id)
                .toList();

        List<StatementId> seen = new ArrayList<>();
        Optional<StatementPage> page = Optional.empty();
        int pages = 0;
        while (true) {
            List<Statement> batch =
                    repository.list(Optional.of("alice"), WorkKind.STATEMENT, Optional.empty(), page, 2);
            if (batch.isEmpty()) {
                break;
            }
            pages++;
            assertThat(batch.size()).isLessThanOrEqualTo(2);
            batch.forEach(statement -> seen.add(statement.id()));
            Statement last = batch.get(batch.size() - 1);
            page = Optional.of(new StatementPage(last.createdAt(), last.id()));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void filtersListingByStateAndOwner() {
        Statement pending = insert("alice", null, T0);
        Statement running = insert("alice", null, T0.plusMillis(1));
        Statement bobs = insert("bob", null, T0.plusMillis(2));
        repository.markRunning(running.id(), "engine-1", T0);
        repository.markRunning(bobs.id(), "engine-1", T0);

        assertThat(repository.list(
                        Optional.of("alice"),
                        WorkKind.STATEMENT,
                        Optional.of(StatementState.RUNNING),
                        Optional.empty(),
                        10))
                .extracting(Statement::id)
                .containsExactly(running.id());
        assertThat(repository.list(
                        Optional.of("alice"),
                        WorkKind.STATEMENT,
                        Optional.of(StatementState.PENDING),
                        Optional.empty(),
                        10))
                .extracting(Statement::id)
                .containsExactly(pending.id());
        assertThat(repository.list(Optional.of("alice"), WorkKind.STATEMENT, Optional.empty(), Optional.empty(), 10))
                .extracting(Statement::id)
                .containsExactly(running.id(), pending.id());
        assertThat(repository.list(Optional.of("bob"), WorkKind.STATEMENT, Optional.empty(), Optional.empty(), 10))
                .extracting(Statement::id)
                .containsExactly(bobs.id());
        assertThat(repository.list(Optional.of("carol"), WorkKind.STATEMENT, Optional.empty(), Optional.empty(), 10))
                .isEmpty();
    }

    @Test
    void findsExpiredResultsAndClosesThem() {
        Statement expiredEarly = succeeded(T0.plusSeconds(10));
        Statement expiredLate = succeeded(T0.plusSeconds(20));
        Statement fresh = succeeded(T0.plusSeconds(100));
        insert("alice", null, T0);
        Instant now = T0.plusSeconds(50);

        assertThat(repository.findExpired(now, 10)).containsExactly(expiredEarly.id(), expiredLate.id());
        assertThat(repository.findExpired(now, 1)).containsExactly(expiredEarly.id());

        assertThat(repository.markClosed(expiredEarly.id())).isTrue();
        assertThat(repository.markClosed(expiredEarly.id())).isFalse();
        assertThat(repository.find(expiredEarly.id()).orElseThrow().state()).isEqualTo(StatementState.CLOSED);
        assertThat(repository.findExpired(now, 10)).containsExactly(expiredLate.id());
        assertThat(repository.find(fresh.id()).orElseThrow().state()).isEqualTo(StatementState.SUCCEEDED);
    }

    @Test
    void closesOnlySucceededStatements() {
        Statement pending = insert("alice", null, T0);
        assertThat(repository.markClosed(pending.id())).isFalse();
        assertThat(repository.find(pending.id())).contains(pending);
    }

    @Test
    void findsUnfinishedStatementsOldestFirst() {
        Statement running = insert("alice", null, T0);
        Statement pending = insert("bob", null, T0.plusMillis(1));
        Statement failed = insert("alice", null, T0.plusMillis(2));
        succeeded(T0.plusSeconds(10));
        repository.markRunning(running.id(), "engine-1", T0);
        repository.markFailed(failed.id(), new StatementError("X", "x", null), T0);

        assertThat(repository.findUnfinished()).containsExactly(running.id(), pending.id());
    }

    @Test
    void findsTheUnfinishedStatementsOfOneSession() {
        Statement running = repository.insert(
                Statement.accepted(newId(), "alice", "a", List.of(), ResultFormat.JSON_ARRAY, null, null, T0)
                        .withSession("s-1"));
        Statement queued = repository.insert(Statement.accepted(
                        newId(), "alice", "b", List.of(), ResultFormat.JSON_ARRAY, null, null, T0.plusMillis(1))
                .withSession("s-1"));
        Statement done = repository.insert(Statement.accepted(
                        newId(), "alice", "c", List.of(), ResultFormat.JSON_ARRAY, null, null, T0.plusMillis(2))
                .withSession("s-1"));
        insert("alice", null, T0.plusMillis(3)); // outside any session
        repository.insert(Statement.accepted(
                        newId(), "alice", "d", List.of(), ResultFormat.JSON_ARRAY, null, null, T0.plusMillis(4))
                .withSession("s-2"));
        repository.markRunning(running.id(), "engine-1", T0);
        repository.markCanceled(done.id(), T0);

        assertThat(repository.findUnfinishedInSession("s-1")).containsExactly(running.id(), queued.id());
        assertThat(repository.findUnfinishedInSession("s-3")).isEmpty();
    }

    @Test
    void countsEveryKindAndStateIncludingEmptyOnes() {
        assertThat(repository.countByKindAndState())
                .hasSize(WorkKind.values().length)
                .allSatisfy((kind, byState) -> {
                    assertThat(byState).hasSize(StatementState.values().length);
                    assertThat(byState)
                            .allSatisfy((state, count) -> assertThat(count).isZero());
                });

        insert("alice", null, T0);
        insert("bob", null, T0);
        Statement running = insert("alice", null, T0);
        repository.markRunning(running.id(), "engine-1", T0);
        succeeded(T0.plusSeconds(10));

        repository.insert(Statement.accepted(newId(), "alice", "f", List.of(), ResultFormat.JSON_ARRAY, null, null, T0)
                .withJob(new JobSpec("f", "a1", "/a.jar", "ab", "x.F", "{}")));

        Map<StatementState, Long> jobs = repository.countByKindAndState().get(WorkKind.JOB);
        assertThat(jobs).containsEntry(StatementState.PENDING, 1L).containsEntry(StatementState.RUNNING, 0L);
        Map<StatementState, Long> counts = repository.countByKindAndState().get(WorkKind.STATEMENT);
        assertThat(counts)
                .containsEntry(StatementState.PENDING, 2L)
                .containsEntry(StatementState.RUNNING, 1L)
                .containsEntry(StatementState.SUCCEEDED, 1L)
                .containsEntry(StatementState.FAILED, 0L)
                .containsEntry(StatementState.CANCELED, 0L)
                .containsEntry(StatementState.CLOSED, 0L);
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        Statement kept = insert("alice", "kept", T0);
        long historyBefore = countMigrations(database());
        try (Database again = Database.open(database().config())) {
            assertThat(again.isHealthy()).isTrue();
            assertThat(new JdbcStatementRepository(again.dataSource()).find(kept.id()))
                    .contains(kept);
            assertThat(countMigrations(again)).isEqualTo(historyBefore);
        }
        assertThat(database().isHealthy()).isTrue();
        assertThat(repository.find(kept.id())).contains(kept);
    }

    private static long countMigrations(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                java.sql.Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\"")) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private Statement succeeded(Instant expiresAt) {
        Statement statement = insert("alice", null, T0);
        repository.markRunning(statement.id(), "engine-1", T0);
        repository.markSucceeded(statement.id(), manifest(), null, null, T0, expiresAt);
        return statement;
    }

    private Statement insert(String owner, String key, Instant createdAt) {
        Statement statement = Statement.accepted(
                newId(), owner, "select 1", List.of(), ResultFormat.JSON_ARRAY, null, key, createdAt);
        assertThat(repository.insert(statement)).isEqualTo(statement);
        return statement;
    }

    private Statement statement(String owner, String key, Instant createdAt) {
        return Statement.accepted(
                newId(),
                owner,
                "select * from sales where region = :region and amount > :amount",
                List.of(
                        new StatementParameter("region", "EMEA", null),
                        new StatementParameter("amount", "10.50", "DECIMAL(10,2)"),
                        new StatementParameter("missing", null, "STRING")),
                ResultFormat.CSV,
                1000L,
                key,
                createdAt);
    }

    private static ResultManifest manifest() {
        return new ResultManifest(
                ResultFormat.ARROW_STREAM,
                new ResultSchema(List.of(
                        new ColumnInfo("region", "STRING", 0, true),
                        new ColumnInfo("amount", "DECIMAL(10,2)", 1, false))),
                150_000,
                2,
                9_000_000,
                true,
                List.of(new ChunkInfo(0, 0, 100_000, 6_000_000), new ChunkInfo(1, 100_000, 50_000, 3_000_000)));
    }

    /** Ids of a random prefix and a counter, so their order differs from insertion order. */
    private StatementId newId() {
        nextId++;
        return new StatementId(Integer.toHexString((nextId * 0x9E3779B1) >>> 4) + "-" + nextId);
    }
}
