package io.hearth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.messaging.MessagingConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code messaging.*} keys: defaults pinned, values bound, bad values named. */
class MessagingConfigLoaderTest {
    @TempDir
    Path home;

    private MessagingConfig load(Map<String, String> settings) {
        return ConfigLoader.load(Optional.empty(), Map.of(), settings, home).messaging();
    }

    @Test
    void defaultsAreOffWithTheDocumentedTopics() {
        MessagingConfig config = load(Map.of());

        assertThat(config).isEqualTo(MessagingConfig.DISABLED);
        assertThat(config.mqtt().url()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(config.mqtt().topicPrefix()).isEqualTo("hearth/events");
        assertThat(config.mqtt().requestsTopic()).isEqualTo("hearth/requests");
        assertThat(config.mqtt().qos()).isEqualTo(1);
        assertThat(config.mqtt().clientId()).isEqualTo("hearth");
        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.kafka().eventsTopic()).isEqualTo("hearth.events");
        assertThat(config.kafka().requestsTopic()).isEqualTo("hearth.requests");
        assertThat(config.kafka().groupId()).isEqualTo("hearth-gateway");
        assertThat(config.kafka().properties()).isEmpty();
        assertThat(config.requestsEnabled()).isFalse();
    }

    @Test
    void bindsEveryKeyAndPassesKafkaPropertiesThrough() {
        MessagingConfig config = load(Map.ofEntries(
                Map.entry("messaging.mqtt.enabled", "true"),
                Map.entry("messaging.mqtt.url", "ssl://broker:8883"),
                Map.entry("messaging.mqtt.client-id", "gw-1"),
                Map.entry("messaging.mqtt.user", "hearth"),
                Map.entry("messaging.mqtt.password", "secret"),
                Map.entry("messaging.mqtt.topic-prefix", "acme/hearth"),
                Map.entry("messaging.mqtt.qos", "2"),
                Map.entry("messaging.mqtt.requests-topic", "acme/requests"),
                Map.entry("messaging.kafka.enabled", "true"),
                Map.entry("messaging.kafka.bootstrap-servers", "k1:9093,k2:9093"),
                Map.entry("messaging.kafka.events-topic", "acme.events"),
                Map.entry("messaging.kafka.requests-topic", "acme.requests"),
                Map.entry("messaging.kafka.client-id", "gw-1"),
                Map.entry("messaging.kafka.group-id", "acme-gateways"),
                Map.entry("messaging.kafka.properties.security.protocol", "SASL_SSL"),
                Map.entry("messaging.kafka.properties.sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("messaging.requests.enabled", "true")));

        assertThat(config.mqtt())
                .isEqualTo(new MessagingConfig.Mqtt(
                        true,
                        "ssl://broker:8883",
                        "gw-1",
                        Optional.of("hearth"),
                        Optional.of("secret"),
                        "acme/hearth",
                        2,
                        "acme/requests"));
        assertThat(config.mqtt().toString()).doesNotContain("secret");
        assertThat(config.kafka().bootstrapServers()).isEqualTo("k1:9093,k2:9093");
        assertThat(config.kafka().eventsTopic()).isEqualTo("acme.events");
        assertThat(config.kafka().requestsTopic()).isEqualTo("acme.requests");
        assertThat(config.kafka().groupId()).isEqualTo("acme-gateways");
        assertThat(config.kafka().properties())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(config.requestsEnabled()).isTrue();
    }

    @Test
    void invalidValuesStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("messaging.mqtt.qos", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("messaging.mqtt.qos");
        assertThatThrownBy(() -> load(Map.of("messaging.mqtt.url", "http://broker")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("messaging.mqtt.url");
        assertThatThrownBy(() -> load(Map.of("messaging.mqtt.topic-prefix", "hearth/+/events")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("messaging.mqtt.topic-prefix");
        assertThatThrownBy(() -> load(Map.of("messaging.requests.enabled", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("messaging.requests.enabled");
        assertThatThrownBy(() -> load(Map.of("messaging.kafka.topic", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key \"messaging.kafka.topic\"");
    }
}
