package io.hearth.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.api.event.EventType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka channel against a real Kafka broker (KRaft, started by {@link TestingKafka}), through
 * the real dispatcher and an H2 outbox; the broker is stopped and started again mid-run.
 */
@Timeout(180)
class KafkaChannelTest {
    @TempDir
    static Path directory;

    private static TestingKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = TestingKafka.start(directory.resolve("kafka"));
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static MessagingConfig.Kafka config(String topic) {
        return new MessagingConfig.Kafka(
                true,
                kafka.bootstrapServers(),
                topic,
                MessagingConfig.Kafka.DEFAULT_REQUESTS_TOPIC,
                "hearth-test",
                MessagingConfig.Kafka.DEFAULT_GROUP_ID,
                Map.of());
    }

    @Test
    void deliversEveryEventKeyedByResourceIdInOrder() throws Exception {
        String topic = "events-" + UUID.randomUUID();
        kafka.createTopic(topic, 3);
        try (TestingOutbox outbox = new TestingOutbox();
                KafkaEvents consumer = new KafkaEvents(kafka.bootstrapServers(), topic)) {
            outbox.dispatchTo(new KafkaChannel(config(topic)));
            outbox.appendInterleaved("alice", List.of("s-1", "s-2", "s-3", "s-4"), 25);
            outbox.append("bob", "s-5", EventType.SUCCEEDED);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> EventOrder.allArrived(consumer.events(), outbox.appended()));

            // three partitions: order holds per resource (its key), not across resources
            EventOrder.assertAllInOrder(consumer.events(), outbox.appended());
            assertThat(consumer.received())
                    .allSatisfy(received -> assertThat(received.key())
                            .isEqualTo(received.event().id()));
            assertThat(consumer.events())
                    .filteredOn(event -> event.id().equals("s-5"))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.owner()).isEqualTo("bob");
                        assertThat(event.type()).isEqualTo(EventType.SUCCEEDED);
                        assertThat(event.externalId()).isEqualTo("ext-s-5");
                    });
        }
    }

    @Test
    void eventsAppendedWhileTheBrokerIsDownArriveOnceItIsBackInOrderNoneLost() throws Exception {
        String topic = "events-" + UUID.randomUUID();
        kafka.createTopic(topic, 2);
        List<String> ids = List.of("a", "b", "c");
        try (TestingOutbox outbox = new TestingOutbox();
                KafkaEvents consumer = new KafkaEvents(kafka.bootstrapServers(), topic)) {
            TestingOutbox.FailureCounting channel = outbox.dispatchTo(new KafkaChannel(config(topic)));
            outbox.appendInterleaved("alice", ids, 10);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> EventOrder.allArrived(consumer.events(), outbox.appended()));

            kafka.stop();
            outbox.appendInterleaved("alice", ids, 10);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> channel.failures() > 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    System.err.println("THREAD " + thread.getName() + " " + thread.getState());
                    for (StackTraceElement element : stack) {
                        System.err.println("    at " + element);
                    }
                });
                throw e;
            }
            outbox.appendInterleaved("alice", ids, 5);
            kafka.start();

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> EventOrder.allArrived(consumer.events(), outbox.appended()));
            EventOrder.assertAllInOrder(consumer.events(), outbox.appended());
            assertThat(outbox.appended().values().stream().mapToInt(List::size).sum())
                    .isEqualTo(75);
        }
    }
}
