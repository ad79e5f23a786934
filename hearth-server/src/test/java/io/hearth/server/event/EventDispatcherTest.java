package io.hearth.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.server.store.Database;
import io.hearth.server.store.JdbcOutbox;
import io.hearth.server.store.StoreConfig;
import io.hearth.testing.TestingClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher over a real {@link JdbcOutbox} on H2, with a channel that records what it got. */
class EventDispatcherTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    private static final EventDispatcher.DispatchConfig CONFIG = new EventDispatcher.DispatchConfig(
            Duration.ofMillis(10), 3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(10));

    private Database database;
    private JdbcOutbox outbox;
    private final TestingClock clock = new TestingClock(T0);

    @BeforeEach
    void open(@TempDir Path dataDirectory) {
        database = Database.open(StoreConfig.defaults(dataDirectory));
        outbox = new JdbcOutbox(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aNewChannelStartsAtTheLatestEventThenPublishesEveryEventInOrder() throws Exception {
        append("before", EventType.QUEUED);
        RecordingChannel channel = new RecordingChannel("mqtt");
        EventDispatcher dispatcher = new EventDispatcher(outbox, outbox, List.of(channel), CONFIG, clock).start();
        try {
            List<Long> appended = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                appended.add(append("s" + (i % 2), EventType.PROGRESS));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> channel.sequences().size() == 7);
            assertThat(channel.sequences())
                    .as("history before its first start is not replayed")
                    .isEqualTo(appended);
            assertThat(channel.batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(outbox.find("mqtt")).hasValue(appended.get(6)));
        } finally {
            dispatcher.close();
        }
    }

    @Test
    void aChannelThatThrowsGetsTheSameEventsAgainAndNothingIsLost() {
        RecordingChannel channel = new RecordingChannel("kafka");
        channel.failures.set(3);
        // its cursor is from an earlier run: what waits in the outbox is published
        outbox.createIfAbsent("kafka", 0);
        long first = append("s1", EventType.QUEUED);
        long second = append("s1", EventType.STARTED);
        EventDispatcher dispatcher = new EventDispatcher(outbox, outbox, List.of(channel), CONFIG, clock).start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> channel.sequences().size() == 2);
            assertThat(channel.sequences()).containsExactly(first, second);
            assertThat(channel.attempts.get())
                    .as("three failures, then the same batch once more")
                    .isEqualTo(4);
        } finally {
            dispatcher.close();
        }
    }

    @Test
    void waitsForAGapThatMayStillCommitThenSkipsItOnceItIsOld() throws Exception {
        RecordingChannel channel = new RecordingChannel("webhooks");
        EventDispatcher dispatcher = new EventDispatcher(outbox, outbox, List.of(channel), CONFIG, clock);
        outbox.createIfAbsent("webhooks", 0);
        long first = append("s1", EventType.QUEUED);
        long after;
        try (Connection open = database.dataSource().getConnection()) {
            open.setAutoCommit(false);
            long gap = JdbcOutbox.append(open, draft("s2", EventType.QUEUED));
            after = append("s3", EventType.QUEUED);
            assertThat(gap).isBetween(first + 1, after - 1);

            assertThat(dispatcher.publishNext(channel)).as("up to the gap only").isEqualTo(1);
            assertThat(dispatcher.publishNext(channel))
                    .as("the gap is young: wait")
                    .isZero();
            open.rollback();
            open.setAutoCommit(true);
        }
        assertThat(dispatcher.publishNext(channel))
                .as("rolled back, but still young")
                .isZero();
        clock.advance(Duration.ofSeconds(11));
        assertThat(dispatcher.publishNext(channel)).isEqualTo(1);
        assertThat(channel.sequences()).containsExactly(first, after);
    }

    @Test
    void aGapWhoseTransactionCommitsIsPublishedInItsPlace() throws Exception {
        RecordingChannel channel = new RecordingChannel("sse-test");
        EventDispatcher dispatcher = new EventDispatcher(outbox, outbox, List.of(channel), CONFIG, clock);
        outbox.createIfAbsent("sse-test", 0);
        long gap;
        long after;
        try (Connection open = database.dataSource().getConnection()) {
            open.setAutoCommit(false);
            gap = JdbcOutbox.append(open, draft("s2", EventType.QUEUED));
            after = append("s3", EventType.QUEUED);
            assertThat(dispatcher.publishNext(channel)).isZero();
            open.commit();
            open.setAutoCommit(true);
        }
        assertThat(dispatcher.publishNext(channel)).isEqualTo(2);
        assertThat(channel.sequences()).containsExactly(gap, after);
    }

    @Test
    void refusesAConfigurationThatCannotWork() {
        assertThatThrownBy(() -> new EventDispatcher.DispatchConfig(
                        Duration.ofMillis(10), 0, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ZERO))
                .hasMessageContaining("events.batch-size");
        assertThatThrownBy(() -> new EventDispatcher.DispatchConfig(
                        Duration.ofMillis(10), 5, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("events.retry-max");
    }

    private long append(String id, EventType type) {
        return outbox.append(draft(id, type));
    }

    private EventDraft draft(String id, EventType type) {
        return new EventDraft(ResourceKind.STATEMENT, id, "alice", null, null, type, clock.instant(), Map.of());
    }

    /** Records every batch it publishes; fails as many times as it is told to first. */
    private static final class RecordingChannel implements EventChannel {
        private final String name;
        private final List<List<Long>> batches = new CopyOnWriteArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger attempts = new AtomicInteger();

        RecordingChannel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void publish(List<OutboxEntry> batch) throws Exception {
            attempts.incrementAndGet();
            if (failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new java.io.IOException("the broker is down");
            }
            batches.add(batch.stream().map(entry -> entry.event().sequence()).toList());
        }

        List<Long> sequences() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }
}
