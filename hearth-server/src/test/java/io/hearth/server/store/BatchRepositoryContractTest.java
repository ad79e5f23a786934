package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.batch.BatchError;
import io.hearth.api.batch.BatchState;
import io.hearth.server.batch.Batch;
import io.hearth.server.batch.BatchId;
import io.hearth.server.batch.BatchPage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcBatchRepository} store must do, run against each database. */
abstract class BatchRepositoryContractTest extends RepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123456Z");

    private JdbcBatchRepository repository;

    protected BatchRepositoryContractTest(ContractStore store) {
        super(store, "batches");
    }

    @BeforeAll
    void createRepositories() {
        repository = new JdbcBatchRepository(dataSource());
    }

    private static Batch accepted(String id, String owner, Instant createdAt) {
        return Batch.accepted(
                new BatchId(id),
                owner,
                "artifact-1",
                "com.example.App$Main",
                List.of("--input", "héllo wörld", ""),
                Map.of("spark.executor.memory", "1g", "spark.sql.shuffle.partitions", "4"),
                createdAt);
    }

    @Test
    void roundTripsAnAcceptedBatch() {
        Batch batch = accepted("b1", "alice", T0);

        repository.insert(batch);

        assertThat(repository.find(new BatchId("b1"))).contains(batch);
        assertThat(repository.find(new BatchId("nope"))).isEmpty();
    }

    @Test
    void runsToSuccessWithCompareAndSet() {
        BatchId id = new BatchId("b1");
        repository.insert(accepted("b1", "alice", T0));

        assertThat(repository.markSucceeded(id, T0)).as("not running yet").isFalse();
        assertThat(repository.markRunning(id, 4242, T0.plusSeconds(1))).isTrue();
        assertThat(repository.markRunning(id, 4243, T0.plusSeconds(1))).isFalse();
        assertThat(repository.markSucceeded(id, T0.plusSeconds(9))).isTrue();
        assertThat(repository.markFailed(id, 1, new BatchError("APPLICATION_FAILED", "late"), T0))
                .as("a final state stays")
                .isFalse();
        assertThat(repository.markKilled(id, null, T0)).isFalse();

        Batch done = repository.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
        assertThat(done.pid()).isEqualTo(4242L);
        assertThat(done.exitCode()).isZero();
        assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(done.error()).isNull();
    }

    @Test
    void keepsTheErrorAndExitCodeOfAFailure() {
        BatchId id = new BatchId("b1");
        repository.insert(accepted("b1", "alice", T0));
        repository.markRunning(id, 1, T0);
        BatchError error = new BatchError("APPLICATION_FAILED", "the application exited with status 3: boom\n...");

        assertThat(repository.markFailed(id, 3, error, T0.plusSeconds(2))).isTrue();

        Batch failed = repository.find(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(BatchState.FAILED);
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.error()).isEqualTo(error);
    }

    @Test
    void killsPendingAndRunningBatches() {
        repository.insert(accepted("pending", "alice", T0));
        repository.insert(accepted("running", "alice", T0));
        repository.markRunning(new BatchId("running"), 7, T0);

        assertThat(repository.markKilled(new BatchId("pending"), null, T0)).isTrue();
        assertThat(repository.markKilled(new BatchId("running"), 143, T0)).isTrue();

        assertThat(repository.find(new BatchId("pending")).orElseThrow().exitCode())
                .isNull();
        assertThat(repository.find(new BatchId("running")).orElseThrow().exitCode())
                .isEqualTo(143);
        assertThat(repository.find(new BatchId("running")).orElseThrow().state())
                .isEqualTo(BatchState.KILLED);
    }

    @Test
    void listsNewestFirstAndFindsTheUnfinishedOldestFirst() {
        repository.insert(accepted("b1", "alice", T0));
        repository.insert(accepted("b2", "alice", T0.plusSeconds(1)));
        repository.insert(accepted("b3", "bob", T0.plusSeconds(2)));
        repository.insert(accepted("b4", "alice", T0.plusSeconds(3)));
        repository.markRunning(new BatchId("b2"), 1, T0);
        repository.markRunning(new BatchId("b4"), 1, T0);
        repository.markSucceeded(new BatchId("b4"), T0);

        assertThat(repository.list(Optional.of("alice"), Optional.empty(), 10))
                .extracting(batch -> batch.id().value())
                .containsExactly("b4", "b2", "b1");
        assertThat(repository.list(Optional.of("alice"), Optional.empty(), 1)).hasSize(1);
        assertThat(repository.list(Optional.empty(), Optional.empty(), 10))
                .as("every owner's")
                .extracting(batch -> batch.id().value())
                .containsExactly("b4", "b3", "b2", "b1");
        assertThat(repository.list(
                        Optional.of("alice"), Optional.of(new BatchPage(T0.plusSeconds(3), new BatchId("b4"))), 10))
                .extracting(batch -> batch.id().value())
                .containsExactly("b2", "b1");
        assertThat(repository.findUnfinished()).extracting(BatchId::value).containsExactly("b1", "b2", "b3");
    }
}
