package io.hearth.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.event.ResourceKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The MQTT channel against the real Mosquitto, through the real dispatcher and an H2 outbox. */
@Timeout(120)
class MqttChannelTest {
    @TempDir
    Path directory;

    private static MessagingConfig.Mqtt mqtt(String url, String prefix) {
        return new MessagingConfig.Mqtt(
                true,
                url,
                "hearth-test-" + UUID.randomUUID(),
                Optional.empty(),
                Optional.empty(),
                prefix,
                1,
                MessagingConfig.Mqtt.DEFAULT_REQUESTS_TOPIC);
    }

    @Test
    void deliversEveryEventToItsOwnersTopicInOrder() throws Exception {
        Assumptions.assumeTrue(
                TestingMosquitto.systemBrokerAvailable(),
                "needs the Mosquitto broker on 127.0.0.1:1883 (apt-get install mosquitto)");
        String prefix = "hearth-test/" + UUID.randomUUID();
        try (TestingOutbox outbox = new TestingOutbox();
                MqttEvents subscriber =
                        MqttEvents.subscribe(TestingMosquitto.SYSTEM_URL, "sub-" + UUID.randomUUID(), prefix + "/#")) {
            outbox.dispatchTo(new MqttChannel(mqtt(TestingMosquitto.SYSTEM_URL, prefix)));
            outbox.appendInterleaved("alice", List.of("s-1", "s-2"), 20);
            // an owner and an id that are not plain topic levels
            outbox.append("carol/ops+#", "odd/id", EventType.SUCCEEDED);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> EventOrder.allArrived(subscriber.events(), outbox.appended()));

            EventOrder.assertAllInOrder(subscriber.events(), outbox.appended());
            MqttEvents.Received first = subscriber.received().get(0);
            assertThat(first.topic()).isEqualTo(prefix + "/alice/statement/s-1");
            HearthEvent event = first.event();
            assertThat(event.kind()).isEqualTo(ResourceKind.STATEMENT);
            assertThat(event.owner()).isEqualTo("alice");
            assertThat(event.externalId()).isEqualTo("ext-s-1");
            assertThat(event.type()).isEqualTo(EventType.QUEUED);
            assertThat(subscriber.received())
                    .filteredOn(received -> received.event().id().equals("odd/id"))
                    .extracting(MqttEvents.Received::topic)
                    .containsOnly(prefix + "/carol%2Fops%2B%23/statement/odd%2Fid");
        }
    }

    @Test
    void eventsAppendedWhileTheBrokerIsDownArriveOnceItIsBackInOrderNoneLost() throws Exception {
        Assumptions.assumeTrue(
                TestingMosquitto.executableAvailable(),
                "needs /usr/sbin/mosquitto to run a broker of its own (apt-get install mosquitto)");
        try (TestingMosquitto broker = TestingMosquitto.start(directory.resolve("mosquitto"));
                TestingOutbox outbox = new TestingOutbox();
                MqttEvents subscriber = MqttEvents.subscribe(broker.url(), "sub-restart", "hearth/events/#")) {
            TestingOutbox.FailureCounting channel =
                    outbox.dispatchTo(new MqttChannel(mqtt(broker.url(), "hearth/events")));
            List<String> ids = List.of("a", "b", "c");
            outbox.appendInterleaved("alice", ids, 10);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> EventOrder.allArrived(subscriber.events(), outbox.appended()));

            broker.stop();
            outbox.appendInterleaved("alice", ids, 10);
            await().atMost(Duration.ofSeconds(20)).until(() -> channel.failures() > 0);
            outbox.appendInterleaved("alice", ids, 5);
            broker.start();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> EventOrder.allArrived(subscriber.events(), outbox.appended()));
            EventOrder.assertAllInOrder(subscriber.events(), outbox.appended());
            assertThat(outbox.appended().values().stream().mapToInt(List::size).sum())
                    .isEqualTo(75);
        }
    }
}
