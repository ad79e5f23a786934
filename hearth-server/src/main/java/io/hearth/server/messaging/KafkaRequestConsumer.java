package io.hearth.server.messaging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes requests from a Kafka topic in a consumer group ({@code messaging.kafka.group-id}), so
 * gateways of one group share them. Offsets are committed after the records of a poll were
 * handled: a gateway that stops mid-way handles them again (at least once). A record that could
 * not be stored at all (the store is down) is polled again after a pause, not skipped. A new group starts at
 * the earliest request, so requests sent before the first start are not skipped.
 */
final class KafkaRequestConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaRequestConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final MessagingConfig.Kafka config;
    private final MessageRequests requests;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean closed;

    KafkaRequestConsumer(MessagingConfig.Kafka config, MessageRequests requests) {
        this.config = requireNonNull(config, "config is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.consumer =
                new KafkaConsumer<>(consumerProperties(config), new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "hearth-kafka-requests");
        thread.setDaemon(true);
    }

    static Map<String, Object> consumerProperties(MessagingConfig.Kafka config) {
        Map<String, Object> properties = new HashMap<>(config.properties());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-requests");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        return properties;
    }

    KafkaRequestConsumer start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.requestsTopic()));
            log.info("Taking requests from Kafka topic {} (group {})", config.requestsTopic(), config.groupId());
            while (!closed) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    if (!handleAll(records)) {
                        Thread.sleep(RETRY.toMillis());
                    }
                } catch (WakeupException e) {
                    if (closed) {
                        return;
                    }
                } catch (KafkaException e) {
                    log.warn("Kafka requests consumer failed; retrying in {}: {}", RETRY, e.toString());
                    Thread.sleep(RETRY.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            // closed while subscribing
        } finally {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                log.debug("Closing the Kafka requests consumer failed", e);
            }
        }
    }

    /**
     * Handles the records and commits what was handled. When a record could not be stored (the store
     * is down), each partition is sought back to its first unhandled record, to be polled again.
     */
    private boolean handleAll(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
        boolean failed = false;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (failed
                        || !requests.handle(
                                "kafka", record.topic(), record.value() == null ? new byte[0] : record.value())) {
                    failed = true;
                    consumer.seek(partition, record.offset());
                    break;
                }
                handled.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!handled.isEmpty()) {
            consumer.commitSync(handled);
        }
        return !failed;
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
