package io.hearth.server.messaging;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway whose MQTT broker (a private Mosquitto) restarts: its requests consumer and its event
 * channel reconnect on their own, and a request sent after the restart is run and answered.
 */
@Timeout(120)
class MqttRequestsAfterBrokerRestartTest {
    @TempDir
    Path directory;

    @Test
    void requestsAreTakenAndAnsweredAgainAfterTheBrokerRestarted() throws Exception {
        Assumptions.assumeTrue(
                TestingMosquitto.executableAvailable(),
                "needs /usr/sbin/mosquitto to run a broker of its own (apt-get install mosquitto)");
        Path usersFile = TestingUsers.users().add("alice", "alice-secret").writeTo(directory.resolve("conf/users"));
        try (TestingMosquitto broker = TestingMosquitto.start(directory.resolve("mosquitto"));
                MqttEvents subscriber = MqttEvents.subscribe(broker.url(), "sub-restart", "hearth/events/#");
                TestingHearth hearth = TestingHearth.start(
                        directory.resolve("data"),
                        Map.of(
                                "auth.methods", "basic,token",
                                "auth.users-file", usersFile.toString(),
                                "messaging.mqtt.enabled", "true",
                                "messaging.mqtt.url", broker.url(),
                                "messaging.requests.enabled", "true"))) {
            TestingHearth alice = hearth.as("alice", "alice-secret");
            HttpResponse<String> created = alice.post("/v1/tokens", "{\"name\": \"messages\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String token = json(created.body()).get("token").asText();

            broker.stop();
            broker.start();

            MqttClient publisher = new MqttClient(broker.url(), "pub-restart", new MemoryPersistence());
            publisher.connect();
            publisher.publish(
                    "hearth/requests",
                    "{\"token\": \"wrong\", \"external_id\": \"after-restart-bad\", \"statement\": {\"statement\": \"x\"}}"
                            .getBytes(StandardCharsets.UTF_8),
                    1,
                    false);
            publisher.publish(
                    "hearth/requests",
                    ("{\"token\": \"" + token + "\", \"external_id\": \"after-restart\","
                                    + " \"statement\": {\"statement\": \"select 'after' from range(2)\"}}")
                            .getBytes(StandardCharsets.UTF_8),
                    1,
                    false);
            publisher.disconnect();
            publisher.close();

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode list = json(alice.get("/v1/statements").body()).get("statements");
                for (JsonNode summary : list) {
                    if (summary.get("statement").asText().equals("select 'after' from range(2)")) {
                        return summary.get("state").asText().equals("SUCCEEDED");
                    }
                }
                return false;
            });
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> subscriber.received().stream()
                            .anyMatch(received -> "after-restart-bad"
                                            .equals(received.event().externalId())
                                    && received.topic().startsWith("hearth/events/_rejected/statement/rejected-")));
        }
    }
}
