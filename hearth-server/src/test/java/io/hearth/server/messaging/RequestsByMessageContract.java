package io.hearth.server.messaging;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.event.ResourceKind;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import io.hearth.server.event.EventJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Requests by message through a whole gateway (in-process engine, {@code auth.methods=basic,token}):
 * a statement sent with an API token runs and is answered on the event channel with its external
 * id; a message that is not JSON, one with a bad token and one that fails validation are each
 * answered with a FAILED event and do not stop the consumer. One subclass per broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
abstract class RequestsByMessageContract {
    private Path directory;
    private TestingHearth hearth;
    private TestingHearth alice;
    private String token;

    /** The {@code messaging.*} settings of the gateway under test. */
    abstract Map<String, String> messagingSettings() throws Exception;

    /** Sends a request message to the gateway's requests topic. */
    abstract void send(byte[] message) throws Exception;

    /** The events received on the channel so far. */
    abstract List<HearthEvent> events();

    /** Closes the test's clients and brokers, after the gateway stopped. */
    abstract void closeClients() throws Exception;

    @BeforeAll
    void startGateway() throws Exception {
        directory = Files.createTempDirectory("hearth-requests-by-message");
        Path usersFile = TestingUsers.users().add("alice", "alice-secret").writeTo(directory.resolve("conf/users"));
        Map<String, String> settings = new HashMap<>(messagingSettings());
        settings.put("auth.methods", "basic,token");
        settings.put("auth.users-file", usersFile.toString());
        hearth = TestingHearth.start(directory.resolve("data"), settings);
        alice = hearth.as("alice", "alice-secret");
        HttpResponse<String> created = alice.post("/v1/tokens", "{\"name\": \"messages\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        token = json(created.body()).get("token").asText();
    }

    @AfterAll
    void stopGateway() throws Exception {
        if (hearth != null) {
            hearth.close();
        }
        closeClients();
    }

    private void send(String message) throws Exception {
        send(message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGoodRequestRunsAfterMalformedAndUnauthenticatedOnesAndEachIsAnswered() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String badToken = "hth_not-a-token-" + run;
        send("this is not JSON " + run);
        send("{\"token\": \"" + badToken + "\", \"external_id\": \"bad-token-" + run
                + "\", \"statement\": {\"statement\": \"select 1 from range(1)\"}}");
        send("{\"token\": \"" + token + "\", \"external_id\": \"bad-job-" + run
                + "\", \"job\": {\"function\": \"no_such_function\"}}");
        send("{\"token\": \"" + token + "\", \"external_id\": \"bad-field-" + run
                + "\", \"statement\": {\"statement\": \"select 1\", \"colour\": \"red\"}}");
        // webhooks are off on this gateway: a callback_url would never be called
        send("{\"token\": \"" + token + "\", \"external_id\": \"bad-callback-" + run
                + "\", \"statement\": {\"statement\": \"select 1\", \"callback_url\": \"https://example.com/hook\"}}");
        String sql = "select '" + run + "' from range(3)";
        send("{\"token\": \"" + token + "\", \"external_id\": \"good-" + run + "\", \"statement\": {\"statement\": \""
                + sql + "\", \"wait_timeout\": \"30s\"}}");

        JsonNode statement = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> findStatement(sql),
                        found -> found.isPresent()
                                && found.get().get("state").asText().equals("SUCCEEDED"))
                .orElseThrow();
        assertThat(statement.get("owner").asText()).isEqualTo("alice");

        HearthEvent badTokenEvent = awaitEvent("bad-token-" + run);
        assertThat(badTokenEvent.owner()).isEqualTo(MqttTopics.REJECTED_OWNER);
        assertThat(badTokenEvent.type()).isEqualTo(EventType.FAILED);
        assertThat(badTokenEvent.kind()).isEqualTo(ResourceKind.STATEMENT);
        assertThat(errorCode(badTokenEvent)).isEqualTo("UNAUTHENTICATED");
        assertThat(EventJson.toJson(badTokenEvent)).doesNotContain(badToken);

        HearthEvent badJob = awaitEvent("bad-job-" + run);
        assertThat(badJob.owner()).isEqualTo("alice");
        assertThat(badJob.kind()).isEqualTo(ResourceKind.JOB);
        assertThat(badJob.type()).isEqualTo(EventType.FAILED);
        assertThat(errorCode(badJob)).isEqualTo("NOT_FOUND");

        HearthEvent badField = awaitEvent("bad-field-" + run);
        assertThat(badField.owner()).isEqualTo("alice");
        assertThat(errorCode(badField)).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(String.valueOf(badField.data().get("error"))).contains("colour");

        HearthEvent badCallback = awaitEvent("bad-callback-" + run);
        assertThat(badCallback.owner()).isEqualTo("alice");
        assertThat(badCallback.type()).isEqualTo(EventType.FAILED);
        assertThat(errorCode(badCallback)).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(badCallback.data().get("error"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("field", "callback_url")
                .extractingByKey("message")
                .asString()
                .contains("webhooks.enabled");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> events().stream()
                        .anyMatch(event -> event.owner().equals(MqttTopics.REJECTED_OWNER)
                                && "MALFORMED_JSON".equals(errorCode(event))
                                && event.externalId() == null));

        // the statement's own lifecycle events (written by the statement service) carry the message's external id
        String statementId = statement.get("statement_id").asText();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events().stream()
                        .anyMatch(event -> event.id().equals(statementId) && event.type() == EventType.SUCCEEDED));
        assertThat(events())
                .filteredOn(event -> event.id().equals(statementId))
                .extracting(HearthEvent::type)
                .contains(EventType.QUEUED, EventType.STARTED, EventType.SUCCEEDED);
        assertThat(events())
                .filteredOn(event -> event.id().equals(statementId))
                .allSatisfy(event -> assertThat(event.externalId()).isEqualTo("good-" + run));
    }

    private Optional<JsonNode> findStatement(String sql) {
        HttpResponse<String> list = alice.get("/v1/statements?limit=100");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode summary : json(list.body()).get("statements")) {
            if (summary.get("statement").asText().equals(sql)) {
                return Optional.of(summary);
            }
        }
        return Optional.empty();
    }

    private HearthEvent awaitEvent(String externalId) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> events().stream()
                                .filter(event -> externalId.equals(event.externalId()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static String errorCode(HearthEvent event) {
        return event.data().get("error") instanceof Map<?, ?> error ? String.valueOf(error.get("code")) : null;
    }
}
