package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.ResultFormat;
import io.hearth.api.batch.BatchError;
import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.event.ResourceKind;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.ResultSchema;
import io.hearth.api.statement.StatementError;
import io.hearth.server.batch.Batch;
import io.hearth.server.batch.BatchId;
import io.hearth.server.event.EventDraft;
import io.hearth.server.event.EventQuery;
import io.hearth.server.event.OutboxEntry;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementId;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the {@link JdbcOutbox} must do on every database, and that state changes write their events with them. */
abstract class OutboxContractTest extends RepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00.123456Z");

    private JdbcOutbox outbox;
    private JdbcStatementRepository statements;
    private JdbcBatchRepository batches;

    protected OutboxContractTest(ContractStore store) {
        super(store, "events", "event_cursors", "statements", "batches");
    }

    @BeforeAll
    void createRepositories() {
        outbox = new JdbcOutbox(dataSource());
        statements = new JdbcStatementRepository(dataSource());
        batches = new JdbcBatchRepository(dataSource());
    }

    @Test
    void readsBackWhatWasAppendedInSequenceOrder() {
        long first = outbox.append(draft(ResourceKind.STATEMENT, "s1", "alice", EventType.QUEUED));
        long second = outbox.append(new EventDraft(
                ResourceKind.STATEMENT,
                "s1",
                "alice",
                "order-17",
                "https://example.com/hook",
                EventType.SUCCEEDED,
                T0.plusSeconds(1),
                Map.of("manifest", Map.of("total_row_count", 3), "note", "ünïcødé")));

        assertThat(second).isGreaterThan(first);
        assertThat(outbox.latestSequence()).isEqualTo(second);
        List<OutboxEntry> read = outbox.after(0, EventQuery.all(), 10);
        assertThat(read).extracting(entry -> entry.event().sequence()).containsExactly(first, second);
        OutboxEntry succeeded = read.get(1);
        assertThat(succeeded.callbackUrl()).isEqualTo("https://example.com/hook");
        assertThat(succeeded.event())
                .isEqualTo(new HearthEvent(
                        HearthEvent.VERSION,
                        second,
                        EventType.SUCCEEDED,
                        ResourceKind.STATEMENT,
                        "s1",
                        "alice",
                        "order-17",
                        T0.plusSeconds(1),
                        Map.of("manifest", Map.of("total_row_count", 3), "note", "ünïcødé")));
        assertThat(outbox.after(first, EventQuery.all(), 10)).hasSize(1);
        assertThat(outbox.after(second, EventQuery.all(), 10)).isEmpty();
    }

    @Test
    void filtersByOwnerKindAndResourceAndHonoursTheLimit() {
        outbox.append(draft(ResourceKind.STATEMENT, "s1", "alice", EventType.QUEUED));
        outbox.append(draft(ResourceKind.JOB, "s1", "alice", EventType.QUEUED));
        outbox.append(draft(ResourceKind.STATEMENT, "s2", "bob", EventType.QUEUED));
        outbox.append(draft(ResourceKind.STATEMENT, "s1", "alice", EventType.STARTED));

        assertThat(outbox.after(0, new EventQuery(Optional.of("alice"), Optional.empty(), Optional.empty()), 10))
                .hasSize(3)
                .allSatisfy(entry -> assertThat(entry.event().owner()).isEqualTo("alice"));
        assertThat(outbox.after(0, EventQuery.resource(ResourceKind.STATEMENT, "s1"), 10))
                .extracting(entry -> entry.event().type())
                .containsExactly(EventType.QUEUED, EventType.STARTED);
        assertThat(outbox.after(
                        0, new EventQuery(Optional.empty(), Optional.of(ResourceKind.JOB), Optional.empty()), 10))
                .singleElement()
                .satisfies(entry -> assertThat(entry.event().kind()).isEqualTo(ResourceKind.JOB));
        assertThat(outbox.after(0, EventQuery.all(), 2)).hasSize(2);
    }

    @Test
    void anEventAppendedInATransactionThatRollsBackIsNeverSeen() throws Exception {
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            JdbcOutbox.append(connection, draft(ResourceKind.STATEMENT, "s1", "alice", EventType.QUEUED));
            connection.rollback();
            connection.setAutoCommit(true);
        }
        long kept = outbox.append(draft(ResourceKind.STATEMENT, "s2", "alice", EventType.QUEUED));

        assertThat(outbox.after(0, EventQuery.all(), 10))
                .singleElement()
                .satisfies(entry -> assertThat(entry.event().sequence()).isEqualTo(kept));
    }

    @Test
    void keepsEachChannelsCursorAndMovesItOnlyFromWhereItWas() {
        assertThat(outbox.find("mqtt")).isEmpty();
        outbox.createIfAbsent("mqtt", 5);
        outbox.createIfAbsent("mqtt", 9);
        assertThat(outbox.find("mqtt")).isEqualTo(OptionalLong.of(5));

        assertThat(outbox.advance("mqtt", 5, 8)).isTrue();
        assertThat(outbox.advance("mqtt", 5, 12))
                .as("another gateway moved it first")
                .isFalse();
        assertThat(outbox.find("mqtt")).isEqualTo(OptionalLong.of(8));
        assertThat(outbox.find("kafka")).isEmpty();
    }

    @Test
    void deletesOnlyOldEventsEveryChannelHasDelivered() {
        long old1 = outbox.append(draft(ResourceKind.STATEMENT, "s1", "alice", EventType.QUEUED));
        long old2 = outbox.append(draft(ResourceKind.STATEMENT, "s1", "alice", EventType.STARTED));
        long young = outbox.append(new EventDraft(
                ResourceKind.STATEMENT, "s1", "alice", null, null, EventType.SUCCEEDED, T0.plusSeconds(3600), null));
        outbox.createIfAbsent("mqtt", old1);
        outbox.createIfAbsent("kafka", young);

        assertThat(outbox.deleteDeliveredBefore(T0.plusSeconds(60)))
                .as("mqtt has not delivered old2")
                .isEqualTo(1);
        assertThat(outbox.after(0, EventQuery.all(), 10))
                .extracting(entry -> entry.event().sequence())
                .containsExactly(old2, young);

        outbox.advance("mqtt", old1, young);
        assertThat(outbox.deleteDeliveredBefore(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(outbox.after(0, EventQuery.all(), 10))
                .extracting(entry -> entry.event().sequence())
                .containsExactly(young);
    }

    @Test
    void aStatementsChangesWriteTheirEventsAndChangesThatDidNotHappenWriteNone() {
        Statement accepted = Statement.accepted(
                        new StatementId("st-1"), "alice", "select 1", List.of(), ResultFormat.JSON_ARRAY, null, "k", T0)
                .withEventTarget("order-17", "https://example.com/hook");
        statements.insert(accepted);
        statements.insert(Statement.accepted(
                new StatementId("st-2"), "alice", "select 1", List.of(), ResultFormat.JSON_ARRAY, null, "k", T0));
        assertThat(statements.markSucceeded(accepted.id(), manifest(), null, null, T0, T0))
                .as("not running yet")
                .isFalse();
        assertThat(statements.markRunning(accepted.id(), "engine-1", T0.plusSeconds(1)))
                .isTrue();
        assertThat(statements.markRunning(accepted.id(), "engine-2", T0.plusSeconds(2)))
                .isFalse();
        assertThat(statements.markFailed(
                        accepted.id(), new StatementError("DIVIDE_BY_ZERO", "/ by zero", "22012"), T0.plusSeconds(3)))
                .isTrue();
        assertThat(statements.markCanceled(accepted.id(), T0.plusSeconds(4))).isFalse();

        List<OutboxEntry> events = outbox.after(0, EventQuery.all(), 10);
        assertThat(events)
                .as("the repeated idempotency key stored nothing, and said nothing")
                .extracting(entry -> entry.event().type())
                .containsExactly(EventType.QUEUED, EventType.STARTED, EventType.FAILED);
        assertThat(events).allSatisfy(entry -> {
            assertThat(entry.event().id()).isEqualTo("st-1");
            assertThat(entry.event().owner()).isEqualTo("alice");
            assertThat(entry.event().externalId()).isEqualTo("order-17");
            assertThat(entry.callbackUrl()).isEqualTo("https://example.com/hook");
        });
        assertThat(events.get(1).event().time()).isEqualTo(T0.plusSeconds(1));
        assertThat(events.get(1).event().data()).containsEntry("engine_id", "engine-1");
        assertThat(events.get(2).event().data().get("error"))
                .isEqualTo(Map.of("error_code", "DIVIDE_BY_ZERO", "message", "/ by zero", "sql_state", "22012"));
        assertThat(statements.find(accepted.id()).orElseThrow().externalId()).isEqualTo("order-17");
    }

    @Test
    void aBatchsChangesWriteTheirEventsAndKilledIsCanceled() {
        BatchId id = new BatchId("b-1");
        batches.insert(Batch.accepted(id, "alice", "a1", "apps.Hello", List.of(), Map.of(), T0)
                .withEventTarget("nightly", null));
        assertThat(batches.markSucceeded(id, T0)).isFalse();
        assertThat(batches.markRunning(id, 42, T0.plusSeconds(1))).isTrue();
        assertThat(batches.markKilled(id, 143, T0.plusSeconds(2))).isTrue();
        assertThat(batches.markFailed(id, 1, new BatchError("X", "late"), T0.plusSeconds(3)))
                .isFalse();

        assertThat(outbox.after(0, EventQuery.all(), 10))
                .allSatisfy(entry -> assertThat(entry.event().externalId()).isEqualTo("nightly"))
                .extracting(entry -> entry.event().type())
                .containsExactly(EventType.QUEUED, EventType.STARTED, EventType.CANCELED);
    }

    private static EventDraft draft(ResourceKind kind, String id, String owner, EventType type) {
        return new EventDraft(kind, id, owner, null, null, type, T0, Map.of());
    }

    private static ResultManifest manifest() {
        return new ResultManifest(ResultFormat.JSON_ARRAY, new ResultSchema(List.of()), 0, 0, 0, false, List.of());
    }
}
