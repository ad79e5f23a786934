package io.hearth.server.messaging;

import static java.util.Objects.requireNonNull;

import io.hearth.server.event.EventChannel;
import io.hearth.server.event.EventJson;
import io.hearth.server.event.OutboxEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to a Kafka topic, keyed by resource id so all events of one resource land in
 * one partition, in order. The producer is idempotent with {@code acks=all} and at most 5 requests
 * in flight, which Kafka keeps in order per partition; a batch returns only when every send was
 * acknowledged. On any failure the producer is closed at once and a new one sends the whole batch
 * again: a failed producer's queued sends cannot then land after the retried ones.
 */
public final class KafkaChannel implements EventChannel {
    private static final Logger log = LoggerFactory.getLogger(KafkaChannel.class);
    /** How long a batch may take to be acknowledged before it counts as failed (and is sent again later). */
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(20);

    private final MessagingConfig.Kafka config;
    private Producer<String, byte[]> producer;

    public KafkaChannel(MessagingConfig.Kafka config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized void publish(List<OutboxEntry> batch) throws Exception {
        if (producer == null) {
            producer =
                    new KafkaProducer<>(producerProperties(config), new StringSerializer(), new ByteArraySerializer());
        }
        try {
            List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
            long deadline = System.nanoTime() + BATCH_TIMEOUT.toNanos();
            for (OutboxEntry entry : batch) {
                Future<RecordMetadata> send = producer.send(new ProducerRecord<>(
                        config.eventsTopic(), entry.event().id(), EventJson.toBytes(entry.event())));
                // a send that could not even start (no metadata within max.block.ms: the broker is down) comes
                // back failed after blocking; stop there rather than block that long once per event of the batch
                if (send.isDone()) {
                    send.get();
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException(
                            "the batch was not handed to the Kafka producer within " + BATCH_TIMEOUT);
                }
                sends.add(send);
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            discardProducer();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (Exception e) {
            discardProducer();
            throw e;
        }
    }

    /** The producer's settings: the pass-through properties, then what delivery needs. */
    static Map<String, Object> producerProperties(MessagingConfig.Kafka config) {
        Map<String, Object> properties = new java.util.HashMap<>(config.properties());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-events");
        // delivery guarantees: not overridable
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        // a broker that is down fails the batch within seconds; the dispatcher retries it with backoff
        properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        properties.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        return properties;
    }

    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("Closing a failed Kafka producer failed", e);
            }
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("Closing the Kafka producer failed", e);
            }
            producer = null;
        }
    }
}
