package io.hearth.server.messaging;

import io.hearth.api.event.HearthEvent;
import io.hearth.server.event.EventJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A real Kafka consumer, in a thread of its own, collecting the events of a topic from its start. */
final class KafkaEvents implements AutoCloseable {
    /** An event and its record's key. */
    record Received(String key, HearthEvent event) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    KafkaEvents(String bootstrapServers, String topic) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::run, "test-kafka-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(new Received(record.key(), EventJson.fromJson(record.value())));
                }
            }
        } catch (WakeupException e) {
            // closed
        } finally {
            consumer.close();
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<HearthEvent> events() {
        return received.stream().map(Received::event).toList();
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
