package io.hearth.server.messaging;

import static java.util.Objects.requireNonNull;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes requests from an MQTT topic with QoS 1 and a persistent session ({@code <client-id>-requests},
 * clean session off), so requests published while Hearth is away wait at the broker. A message is
 * acknowledged once it was handled. The first connection is tried while the gateway starts (so a
 * broker that is up has the subscription before the gateway is ready), then retried in the
 * background until the broker answers; after that Paho reconnects on its own.
 */
final class MqttRequestConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttRequestConsumer.class);
    private static final long FIRST_RETRY_MILLIS = 1_000;
    private static final long MAX_RETRY_MILLIS = 30_000;

    private final MessagingConfig.Mqtt config;
    private final MessageRequests requests;
    private final MqttAsyncClient client;
    private final Thread connecting;
    private volatile boolean closed;

    MqttRequestConsumer(MessagingConfig.Mqtt config, MessageRequests requests) {
        this.config = requireNonNull(config, "config is null");
        this.requests = requireNonNull(requests, "requests is null");
        try {
            this.client = new MqttAsyncClient(config.url(), config.clientId() + "-requests", new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + config.url() + ": " + e, e);
        }
        client.setCallback(new Callback());
        this.connecting = new Thread(this::connect, "hearth-mqtt-requests-connect");
        connecting.setDaemon(true);
    }

    MqttRequestConsumer start() {
        try {
            connectAndSubscribe();
        } catch (MqttException e) {
            log.warn("Cannot reach MQTT broker {} for requests yet, retrying: {}", config.url(), e.toString());
            connecting.start();
        }
        return this;
    }

    private void connectAndSubscribe() throws MqttException {
        MqttConnectOptions options = MqttOptions.connectOptions(config, false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay((int) MAX_RETRY_MILLIS);
        client.connect(options).waitForCompletion();
        client.subscribe(config.requestsTopic(), 1).waitForCompletion();
        log.info("Taking requests from MQTT topic {} at {}", config.requestsTopic(), config.url());
    }

    private void connect() {
        long wait = FIRST_RETRY_MILLIS;
        while (!closed) {
            try {
                connectAndSubscribe();
                return;
            } catch (MqttException e) {
                if (closed) {
                    return;
                }
                log.debug("Cannot reach MQTT broker {} for requests yet", config.url(), e);
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = Math.min(wait * 2, MAX_RETRY_MILLIS);
        }
    }

    @Override
    public void close() {
        closed = true;
        connecting.interrupt();
        try {
            connecting.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            log.debug("Disconnecting the MQTT requests client failed", e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("Closing the MQTT requests client failed", e);
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (!reconnect) {
                return;
            }
            try {
                // again (without waiting: this is Paho's callback thread): the broker may have lost the session
                client.subscribe(config.requestsTopic(), 1);
                log.info("Reconnected to MQTT broker {}; taking requests from {}", serverUri, config.requestsTopic());
            } catch (MqttException e) {
                log.warn("Cannot subscribe to MQTT topic {}: {}", config.requestsTopic(), e.toString());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (!closed) {
                log.warn("Lost the MQTT broker {} of requests; reconnecting: {}", config.url(), String.valueOf(cause));
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            // MessageRequests answers bad requests with events; only a message that could not be stored at all
            // (the store is down) throws here: Paho then drops the connection without acknowledging it, and
            // the broker delivers it again once Paho reconnected
            if (!requests.handle("mqtt", topic, message.getPayload())) {
                throw new IllegalStateException("the request could not be stored; the broker offers it again");
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
