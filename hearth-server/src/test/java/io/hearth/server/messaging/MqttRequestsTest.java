package io.hearth.server.messaging;

import io.hearth.api.event.HearthEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;

/** Requests by MQTT, through the real Mosquitto on 127.0.0.1:1883. */
class MqttRequestsTest extends RequestsByMessageContract {
    private final String base = "hearth-test/" + UUID.randomUUID();
    private MqttEvents subscriber;
    private MqttClient publisher;

    @Override
    Map<String, String> messagingSettings() throws MqttException {
        Assumptions.assumeTrue(
                TestingMosquitto.systemBrokerAvailable(),
                "needs the Mosquitto broker on 127.0.0.1:1883 (apt-get install mosquitto)");
        subscriber = MqttEvents.subscribe(TestingMosquitto.SYSTEM_URL, "sub-" + UUID.randomUUID(), base + "/events/#");
        publisher = new MqttClient(TestingMosquitto.SYSTEM_URL, "pub-" + UUID.randomUUID(), new MemoryPersistence());
        publisher.connect();
        return Map.of(
                "messaging.mqtt.enabled",
                "true",
                "messaging.mqtt.url",
                TestingMosquitto.SYSTEM_URL,
                "messaging.mqtt.client-id",
                "hearth-test-" + UUID.randomUUID(),
                "messaging.mqtt.topic-prefix",
                base + "/events",
                "messaging.mqtt.requests-topic",
                base + "/requests",
                "messaging.requests.enabled",
                "true");
    }

    @Override
    void send(byte[] message) throws MqttException {
        publisher.publish(base + "/requests", message, 1, false);
    }

    @Override
    List<HearthEvent> events() {
        return subscriber.events();
    }

    @Override
    void closeClients() throws MqttException {
        if (publisher != null) {
            publisher.disconnect();
            publisher.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
