package io.hearth.server.messaging;

import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.server.event.EventChannel;
import io.hearth.server.event.EventDispatcher;
import io.hearth.server.event.EventDraft;
import io.hearth.server.event.OutboxEntry;
import io.hearth.server.store.Database;
import io.hearth.server.store.JdbcOutbox;
import io.hearth.server.store.StoreConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An outbox in an in-memory H2 store and the real {@link EventDispatcher} publishing it to one
 * channel, retrying quickly; records what was appended, per resource, to check deliveries against.
 */
final class TestingOutbox implements AutoCloseable {
    static final EventDispatcher.DispatchConfig FAST_RETRIES = new EventDispatcher.DispatchConfig(
            Duration.ofMillis(20), 100, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(10));

    private final Database database;
    private final JdbcOutbox outbox;
    private final Map<String, List<Long>> appended = new LinkedHashMap<>();
    private final List<EventDispatcher> dispatchers = new ArrayList<>();

    TestingOutbox() {
        this.database = Database.open(
                new StoreConfig("jdbc:h2:mem:messaging-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "hearth", "", 4));
        this.outbox = new JdbcOutbox(database.dataSource());
    }

    /** Starts publishing to the channel, from the events appended after now. */
    FailureCounting dispatchTo(EventChannel channel) {
        FailureCounting counting = new FailureCounting(channel);
        dispatchers.add(
                new EventDispatcher(outbox, outbox, List.of(counting), FAST_RETRIES, Clock.systemUTC()).start());
        return counting;
    }

    /** Appends a QUEUED ... event of a statement owned by {@code owner}; returns its sequence. */
    synchronized long append(String owner, String id, EventType type) {
        long sequence = outbox.append(new EventDraft(
                ResourceKind.STATEMENT,
                id,
                owner,
                "ext-" + id,
                null,
                type,
                Instant.now(),
                Map.of("note", "event " + appended.getOrDefault(id, List.of()).size())));
        appended.computeIfAbsent(id, key -> new ArrayList<>()).add(sequence);
        return sequence;
    }

    /** Appends {@code count} events to each resource, interleaved. */
    void appendInterleaved(String owner, List<String> ids, int count) {
        for (int i = 0; i < count; i++) {
            for (String id : ids) {
                append(owner, id, i == 0 ? EventType.QUEUED : EventType.PROGRESS);
            }
        }
    }

    synchronized Map<String, List<Long>> appended() {
        Map<String, List<Long>> copy = new LinkedHashMap<>();
        appended.forEach((id, sequences) -> copy.put(id, List.copyOf(sequences)));
        return copy;
    }

    @Override
    public void close() {
        dispatchers.forEach(EventDispatcher::close);
        database.close();
    }

    /** A channel that counts the batches it failed to publish (a broker outage, seen from the dispatcher). */
    static final class FailureCounting implements EventChannel {
        private final EventChannel channel;
        private final AtomicInteger failures = new AtomicInteger();

        FailureCounting(EventChannel channel) {
            this.channel = channel;
        }

        int failures() {
            return failures.get();
        }

        @Override
        public String name() {
            return channel.name();
        }

        @Override
        public void publish(List<OutboxEntry> batch) throws Exception {
            try {
                channel.publish(batch);
            } catch (Exception e) {
                failures.incrementAndGet();
                throw e;
            }
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
