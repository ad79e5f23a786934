package io.hearth.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.event.ResourceKind;
import io.hearth.server.event.OutboxEntry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Kafka channel whose broker cannot be reached fails a batch within one producer block
 * ({@code max.block.ms}), not once per event: each send that finds no metadata blocks that long
 * and comes back failed, so a 30-event batch used to take 30 of them before the dispatcher heard.
 */
class KafkaChannelUnreachableTest {
    @Test
    void aBatchFailsWithinOneProducerBlockWhenNoBrokerAnswers() throws Exception {
        MessagingConfig.Kafka config = new MessagingConfig.Kafka(
                true,
                "127.0.0.1:" + unusedPort(),
                "events",
                MessagingConfig.Kafka.DEFAULT_REQUESTS_TOPIC,
                "hearth-test",
                MessagingConfig.Kafka.DEFAULT_GROUP_ID,
                Map.of("max.block.ms", "500"));
        List<OutboxEntry> batch = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            batch.add(new OutboxEntry(
                    new HearthEvent(
                            HearthEvent.VERSION,
                            i,
                            EventType.PROGRESS,
                            ResourceKind.STATEMENT,
                            "s-" + (i % 3),
                            "alice",
                            null,
                            Instant.now(),
                            Map.of()),
                    null));
        }
        try (KafkaChannel channel = new KafkaChannel(config)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> channel.publish(batch))
                    .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            // one block of 0.5 s and the producer's start, far below the 15 s of 30 blocks
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
