package io.hearth.server.messaging;

import static java.util.Objects.requireNonNull;

import io.hearth.server.event.EventChannel;
import io.hearth.server.event.EventJson;
import io.hearth.server.event.OutboxEntry;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to an MQTT broker, each to {@code <prefix>/<owner>/<kind>/<id>} (see {@link
 * MqttTopics}), QoS 1 (or 2), not retained, as {@link EventJson}. A batch returns only once the
 * broker acknowledged every event of it; otherwise it throws and the dispatcher offers the whole
 * batch again, so delivery is at least once. Over one TCP connection the broker receives a prefix
 * of what was sent, in order, so a retried batch repeats events but never reorders those of one
 * resource.
 *
 * <p>It connects when it first publishes and, after any failure, drops its client and connects a
 * new one on the next try (the dispatcher's retries with backoff drive the reconnecting), with a
 * clean session: nothing is held by the client across connections, the outbox is the one place
 * events wait.
 */
public final class MqttChannel implements EventChannel {
    private static final Logger log = LoggerFactory.getLogger(MqttChannel.class);
    /** Events in flight at once; a batch larger than this is sent in windows. */
    private static final int MAX_IN_FLIGHT = 500;

    private static final long ACK_TIMEOUT_MILLIS = 30_000;

    private final MessagingConfig.Mqtt config;
    private MqttAsyncClient client;

    public MqttChannel(MessagingConfig.Mqtt config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public synchronized void publish(List<OutboxEntry> batch) throws MqttException {
        try {
            publishConnected(batch);
        } catch (MqttException | RuntimeException e) {
            discardClient();
            throw e;
        }
    }

    private void publishConnected(List<OutboxEntry> batch) throws MqttException {
        MqttAsyncClient client = connected();
        for (int start = 0; start < batch.size(); start += MAX_IN_FLIGHT) {
            List<IMqttDeliveryToken> window = new ArrayList<>();
            for (OutboxEntry entry : batch.subList(start, Math.min(batch.size(), start + MAX_IN_FLIGHT))) {
                MqttMessage message = new MqttMessage(EventJson.toBytes(entry.event()));
                message.setQos(config.qos());
                message.setRetained(false);
                window.add(client.publish(MqttTopics.eventTopic(config.topicPrefix(), entry.event()), message));
            }
            for (IMqttDeliveryToken token : window) {
                token.waitForCompletion(ACK_TIMEOUT_MILLIS);
                if (!token.isComplete() || token.getException() != null) {
                    throw token.getException() != null
                            ? token.getException()
                            : new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT);
                }
            }
        }
    }

    private MqttAsyncClient connected() throws MqttException {
        if (client != null && client.isConnected()) {
            return client;
        }
        discardClient();
        client = new MqttAsyncClient(config.url(), config.clientId() + "-events", new MemoryPersistence());
        MqttConnectOptions options = MqttOptions.connectOptions(config, true);
        options.setMaxInflight(MAX_IN_FLIGHT);
        client.connect(options).waitForCompletion(ACK_TIMEOUT_MILLIS);
        log.info("Publishing events to MQTT broker {} under {}", config.url(), config.topicPrefix());
        return client;
    }

    private void discardClient() {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            } else {
                client.disconnectForcibly(0, 0, false);
            }
        } catch (MqttException e) {
            log.debug("Disconnecting from the MQTT broker failed", e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("Closing the MQTT client failed", e);
        }
        client = null;
    }

    @Override
    public synchronized void close() {
        discardClient();
    }
}
