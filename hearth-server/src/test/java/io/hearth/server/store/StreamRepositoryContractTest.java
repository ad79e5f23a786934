package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.api.stream.StreamError;
import io.hearth.api.stream.StreamProgress;
import io.hearth.api.stream.StreamSink;
import io.hearth.api.stream.StreamSource;
import io.hearth.api.stream.StreamState;
import io.hearth.api.stream.StreamTrigger;
import io.hearth.server.event.EventDraft;
import io.hearth.server.event.EventQuery;
import io.hearth.server.event.OutboxEntry;
import io.hearth.server.stream.Stream;
import io.hearth.server.stream.StreamId;
import io.hearth.server.stream.StreamPage;
import io.hearth.server.stream.StreamSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcStreamRepository} store must do, run against each database. */
abstract class StreamRepositoryContractTest extends RepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00.123456Z");
    private static final StreamSpec SPEC = new StreamSpec(
            new StreamSource("rate", Map.of("rowsPerSecond", "5"), null, null, null),
            "SELECT value % 3 AS k, count(*) AS n FROM input GROUP BY k",
            new StreamSink("memory", "counts", null, null, Map.of(), "complete"),
            new StreamTrigger("1 second", false),
            "counts",
            1000,
            false,
            "/data/checkpoints/s1");

    private JdbcStreamRepository repository;
    private JdbcOutbox outbox;

    protected StreamRepositoryContractTest(ContractStore store) {
        super(store, "streams", "events");
    }

    @BeforeAll
    void createRepositories() {
        repository = new JdbcStreamRepository(dataSource());
        outbox = new JdbcOutbox(dataSource());
    }

    private static Stream accepted(String id, String owner, Instant createdAt) {
        return new Stream(
                new StreamId(id),
                owner,
                "counts",
                "default",
                SPEC,
                "ext-" + id,
                "https://example.com/hook",
                StreamState.QUEUED,
                null,
                0,
                null,
                createdAt,
                null,
                null,
                List.of());
    }

    private static EventDraft event(Stream stream, EventType type) {
        return new EventDraft(
                ResourceKind.STREAM,
                stream.id().value(),
                stream.owner(),
                stream.externalId(),
                stream.callbackUrl(),
                type,
                T0,
                Map.of("k", "v"));
    }

    private List<EventType> events() {
        return outbox.after(0, EventQuery.all(), 100).stream()
                .map(OutboxEntry::event)
                .map(event -> event.type())
                .toList();
    }

    @Test
    void roundTripsAnAcceptedStreamWithItsQueuedEvent() {
        Stream stream = accepted("s1", "alice", T0);

        repository.insert(stream, event(stream, EventType.QUEUED));

        assertThat(repository.find(new StreamId("s1"))).contains(stream);
        assertThat(repository.find(new StreamId("nope"))).isEmpty();
        List<OutboxEntry> entries = outbox.after(0, EventQuery.all(), 10);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).event().externalId()).isEqualTo("ext-s1");
        assertThat(entries.get(0).callbackUrl()).isEqualTo("https://example.com/hook");
    }

    @Test
    void changesStateWithCompareAndSetAndWritesAnEventOnlyWhenItChanged() {
        Stream stream = accepted("s1", "alice", T0);
        StreamId id = stream.id();
        repository.insert(stream, event(stream, EventType.QUEUED));

        assertThat(repository.markRunning(id, "engine-1", T0.plusSeconds(1), event(stream, EventType.STARTED)))
                .isTrue();
        assertThat(repository.markRunning(id, "engine-2", T0.plusSeconds(1), event(stream, EventType.STARTED)))
                .as("running already")
                .isFalse();
        assertThat(repository.markQueued(id, 1, 2, event(stream, EventType.QUEUED)))
                .as("restarts are not 1")
                .isFalse();
        assertThat(repository.markQueued(id, 0, 1, event(stream, EventType.QUEUED)))
                .isTrue();
        assertThat(repository.markRunning(id, "engine-2", T0.plusSeconds(2), event(stream, EventType.STARTED)))
                .isTrue();
        Stream restarted = repository.find(id).orElseThrow();
        assertThat(restarted.state()).isEqualTo(StreamState.RUNNING);
        assertThat(restarted.engineId()).isEqualTo("engine-2");
        assertThat(restarted.restarts()).isEqualTo(1);
        assertThat(restarted.startedAt()).isEqualTo(T0.plusSeconds(2));

        assertThat(repository.markStopped(id, T0.plusSeconds(3), event(stream, EventType.STOPPED)))
                .isTrue();
        assertThat(repository.markFailed(
                        id, new StreamError("SQL_ERROR", "late"), T0.plusSeconds(4), event(stream, EventType.FAILED)))
                .as("stopped already")
                .isFalse();
        assertThat(repository.markQueued(id, 1, 2, event(stream, EventType.QUEUED)))
                .isFalse();
        Stream stopped = repository.find(id).orElseThrow();
        assertThat(stopped.state()).isEqualTo(StreamState.STOPPED);
        assertThat(stopped.endedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(events())
                .containsExactly(
                        EventType.QUEUED, EventType.STARTED, EventType.QUEUED, EventType.STARTED, EventType.STOPPED);
    }

    @Test
    void keepsWhyAStreamFailed() {
        Stream stream = accepted("s1", "alice", T0);
        repository.insert(stream, event(stream, EventType.QUEUED));

        assertThat(repository.markFailed(
                        stream.id(),
                        new StreamError("ENGINE_LOST", "engine e1 was lost"),
                        T0.plusSeconds(1),
                        event(stream, EventType.FAILED)))
                .isTrue();

        Stream failed = repository.find(stream.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(StreamState.FAILED);
        assertThat(failed.error()).isEqualTo(new StreamError("ENGINE_LOST", "engine e1 was lost"));
        assertThat(repository.findUnfinished()).isEmpty();
    }

    @Test
    void storesProgressAndListsNewestFirstByOwner() {
        Stream first = accepted("s1", "alice", T0);
        Stream second = accepted("s2", "alice", T0.plusSeconds(1));
        Stream bobs = accepted("s3", "bob", T0.plusSeconds(2));
        for (Stream stream : List.of(first, second, bobs)) {
            repository.insert(stream, event(stream, EventType.QUEUED));
        }
        List<StreamProgress> progress = List.of(
                new StreamProgress(7, T0, 5, 5.0, 50.5, 120, -1),
                new StreamProgress(8, T0.plusSeconds(1), 5, 5, 60, 90, 5));

        repository.saveProgress(first.id(), progress);

        assertThat(repository.find(first.id()).orElseThrow().progress()).isEqualTo(progress);
        assertThat(repository.list(Optional.of("alice"), Optional.empty(), 10))
                .extracting(Stream::id)
                .containsExactly(second.id(), first.id());
        assertThat(repository.list(Optional.empty(), Optional.of(new StreamPage(second.createdAt(), second.id())), 10))
                .extracting(Stream::id)
                .containsExactly(first.id());
        assertThat(repository.findUnfinished())
                .extracting(Stream::id)
                .containsExactly(first.id(), second.id(), bobs.id());
    }
}
