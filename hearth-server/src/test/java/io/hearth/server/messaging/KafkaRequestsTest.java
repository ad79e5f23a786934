package io.hearth.server.messaging;

import io.hearth.api.event.HearthEvent;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Requests by Kafka, through a real Kafka broker (KRaft) the test starts. */
class KafkaRequestsTest extends RequestsByMessageContract {
    private static final String EVENTS = "hearth.events";
    private static final String REQUESTS = "hearth.requests";

    private TestingKafka kafka;
    private KafkaEvents consumer;
    private KafkaProducer<String, byte[]> producer;

    @Override
    Map<String, String> messagingSettings() throws Exception {
        kafka = TestingKafka.start(Files.createTempDirectory("hearth-kafka"));
        kafka.createTopic(EVENTS, 1);
        kafka.createTopic(REQUESTS, 1);
        consumer = new KafkaEvents(kafka.bootstrapServers(), EVENTS);
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
        return Map.of(
                "messaging.kafka.enabled", "true",
                "messaging.kafka.bootstrap-servers", kafka.bootstrapServers(),
                // a pass-through client property, as SASL or TLS settings would be
                "messaging.kafka.properties.reconnect.backoff.max.ms", "1000",
                "messaging.requests.enabled", "true");
    }

    @Override
    void send(byte[] message) throws Exception {
        producer.send(new ProducerRecord<>(REQUESTS, message)).get(30, TimeUnit.SECONDS);
    }

    @Override
    List<HearthEvent> events() {
        return consumer.events();
    }

    @Override
    void closeClients() {
        if (producer != null) {
            producer.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
