package io.hearth.server.messaging;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Events to MQTT and Kafka, and requests taken from them ({@code messaging.*}).
 *
 * @param requestsEnabled whether statements and jobs are accepted from the MQTT and Kafka requests
 *     topics of the enabled brokers ({@code messaging.requests.enabled})
 */
public record MessagingConfig(Mqtt mqtt, Kafka kafka, boolean requestsEnabled) {
    public static final MessagingConfig DISABLED = new MessagingConfig(Mqtt.DEFAULT, Kafka.DEFAULT, false);

    public MessagingConfig {
        requireNonNull(mqtt, "mqtt is null");
        requireNonNull(kafka, "kafka is null");
    }

    /**
     * The MQTT broker ({@code messaging.mqtt.*}).
     *
     * @param url {@code tcp://host:port} or {@code ssl://host:port}
     * @param clientId the stem of the client ids: {@code <id>-events} publishes, {@code
     *     <id>-requests} subscribes with a persistent session (so requests sent while Hearth is
     *     down wait at the broker); distinct per gateway
     * @param topicPrefix events go to {@code <prefix>/<owner>/<kind>/<id>}
     * @param qos 1 or 2: the broker acknowledges every event before its cursor moves
     * @param requestsTopic the topic (filter) requests are read from
     */
    public record Mqtt(
            boolean enabled,
            String url,
            String clientId,
            Optional<String> user,
            Optional<String> password,
            String topicPrefix,
            int qos,
            String requestsTopic) {
        public static final String DEFAULT_URL = "tcp://127.0.0.1:1883";
        public static final String DEFAULT_CLIENT_ID = "hearth";
        public static final String DEFAULT_TOPIC_PREFIX = "hearth/events";
        public static final int DEFAULT_QOS = 1;
        public static final String DEFAULT_REQUESTS_TOPIC = "hearth/requests";
        public static final Mqtt DEFAULT = new Mqtt(
                false,
                DEFAULT_URL,
                DEFAULT_CLIENT_ID,
                Optional.empty(),
                Optional.empty(),
                DEFAULT_TOPIC_PREFIX,
                DEFAULT_QOS,
                DEFAULT_REQUESTS_TOPIC);

        public Mqtt {
            requireNonNull(url, "url is null");
            requireNonNull(clientId, "clientId is null");
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
            requireNonNull(topicPrefix, "topicPrefix is null");
            requireNonNull(requestsTopic, "requestsTopic is null");
            if (!url.startsWith("tcp://") && !url.startsWith("ssl://")) {
                throw new IllegalArgumentException("messaging.mqtt.url must start with tcp:// or ssl://, not " + url);
            }
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("messaging.mqtt.client-id is blank");
            }
            if (qos != 1 && qos != 2) {
                throw new IllegalArgumentException(
                        "messaging.mqtt.qos must be 1 or 2 (events are published only once the broker acknowledges"
                                + " them), not " + qos);
            }
            if (topicPrefix.isBlank() || topicPrefix.contains("+") || topicPrefix.contains("#")) {
                throw new IllegalArgumentException(
                        "messaging.mqtt.topic-prefix must be a topic name without wildcards, not '" + topicPrefix
                                + "'");
            }
            if (requestsTopic.isBlank()) {
                throw new IllegalArgumentException("messaging.mqtt.requests-topic is blank");
            }
        }

        @Override
        public String toString() {
            return "Mqtt[enabled=" + enabled + ", url=" + url + ", clientId=" + clientId + ", user=" + user
                    + ", topicPrefix=" + topicPrefix + ", qos=" + qos + ", requestsTopic=" + requestsTopic + "]";
        }
    }

    /**
     * The Kafka cluster ({@code messaging.kafka.*}).
     *
     * @param bootstrapServers {@code host:port,...}
     * @param eventsTopic where events go, keyed by resource id
     * @param requestsTopic where requests are read from
     * @param clientId the stem of the producer's and consumer's client ids
     * @param groupId the consumer group of the requests consumer: gateways of one group share the
     *     requests
     * @param properties passed to the producer and the consumer as they are (SASL, TLS, ...),
     *     from {@code messaging.kafka.properties.*}; secrets among them are never logged
     */
    public record Kafka(
            boolean enabled,
            String bootstrapServers,
            String eventsTopic,
            String requestsTopic,
            String clientId,
            String groupId,
            Map<String, String> properties) {
        public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
        public static final String DEFAULT_EVENTS_TOPIC = "hearth.events";
        public static final String DEFAULT_REQUESTS_TOPIC = "hearth.requests";
        public static final String DEFAULT_CLIENT_ID = "hearth";
        public static final String DEFAULT_GROUP_ID = "hearth-gateway";
        public static final Kafka DEFAULT = new Kafka(
                false,
                DEFAULT_BOOTSTRAP_SERVERS,
                DEFAULT_EVENTS_TOPIC,
                DEFAULT_REQUESTS_TOPIC,
                DEFAULT_CLIENT_ID,
                DEFAULT_GROUP_ID,
                Map.of());

        public Kafka {
            requireNonNull(bootstrapServers, "bootstrapServers is null");
            requireNonNull(eventsTopic, "eventsTopic is null");
            requireNonNull(requestsTopic, "requestsTopic is null");
            requireNonNull(clientId, "clientId is null");
            requireNonNull(groupId, "groupId is null");
            properties = Map.copyOf(properties);
            if (bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("messaging.kafka.bootstrap-servers is blank");
            }
            if (eventsTopic.isBlank()) {
                throw new IllegalArgumentException("messaging.kafka.events-topic is blank");
            }
            if (requestsTopic.isBlank()) {
                throw new IllegalArgumentException("messaging.kafka.requests-topic is blank");
            }
            if (groupId.isBlank()) {
                throw new IllegalArgumentException("messaging.kafka.group-id is blank");
            }
        }

        @Override
        public String toString() {
            return "Kafka[enabled=" + enabled + ", bootstrapServers=" + bootstrapServers + ", eventsTopic="
                    + eventsTopic + ", requestsTopic=" + requestsTopic + ", clientId=" + clientId + ", groupId="
                    + groupId + ", properties=" + properties.keySet() + "]";
        }
    }
}
