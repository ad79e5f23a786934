package io.hearth.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.event.ResourceKind;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MqttTopicsTest {
    @Test
    void plainNamesAreTheirOwnLevels() {
        assertThat(MqttTopics.escape("alice")).isEqualTo("alice");
        assertThat(MqttTopics.escape("6f1c-42.x_y@corp")).isEqualTo("6f1c-42.x_y@corp");
    }

    @Test
    void levelSeparatorsWildcardsNulAndTheEscapeCharacterAreEscaped() {
        assertThat(MqttTopics.escape("carol/ops")).isEqualTo("carol%2Fops");
        assertThat(MqttTopics.escape("a+b#c")).isEqualTo("a%2Bb%23c");
        assertThat(MqttTopics.escape("100%")).isEqualTo("100%25");
        assertThat(MqttTopics.escape("x\0y")).isEqualTo("x%00y");
        // escaping is reversible: an escaped name never collides with another name
        assertThat(MqttTopics.escape("a%2Fb")).isEqualTo("a%252Fb");
    }

    @Test
    void anEventGoesToPrefixOwnerKindId() {
        HearthEvent event = new HearthEvent(
                HearthEvent.VERSION,
                7,
                EventType.STARTED,
                ResourceKind.JOB,
                "j/1",
                "bob",
                null,
                Instant.EPOCH,
                Map.of());
        assertThat(MqttTopics.eventTopic("hearth/events", event)).isEqualTo("hearth/events/bob/job/j%2F1");
    }
}
