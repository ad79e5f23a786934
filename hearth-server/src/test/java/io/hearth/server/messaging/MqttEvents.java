package io.hearth.server.messaging;

import io.hearth.api.event.HearthEvent;
import io.hearth.server.event.EventJson;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A real MQTT subscriber (Paho) that collects the events published under a topic filter, with a
 * persistent session and automatic reconnecting, as a client that must miss nothing would.
 */
final class MqttEvents implements AutoCloseable {
    /** An event and the topic it came on. */
    record Received(String topic, HearthEvent event) {}

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MqttEvents(MqttClient client) {
        this.client = client;
    }

    static MqttEvents subscribe(String url, String clientId, String topicFilter) throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttEvents events = new MqttEvents(client);
        // no subscribing again after a reconnect: the persistent session keeps the subscription (and a
        // blocking call in a Paho callback would deadlock it)
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                events.received.add(new Received(topic, EventJson.fromJson(message.getPayload())));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        client.connect(options);
        client.subscribe(topicFilter, 1);
        return events;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<HearthEvent> events() {
        return received.stream().map(Received::event).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close(true);
    }
}
