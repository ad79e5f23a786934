package io.hearth.server.session;

import static io.hearth.server.TestingHearth.awaitState;
import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import io.hearth.testing.TestingEngine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How sessions end: idle, with their engine, across a gateway restart; and whose they are. */
class SessionLifecycleTest {
    @TempDir
    Path dataDirectory;

    @Test
    void idleSessionsCloseButNotWhileOneOfTheirStatementsRuns() throws Exception {
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of("session.idle-timeout", "1s"))) {
            String busy = open(hearth);
            String blocking = submit(hearth, "block", busy);
            awaitState(hearth, blocking, "RUNNING");
            String quiet = open(hearth);
            TestingEngine engine = hearth.engines().latest();

            JsonNode closed = awaitSession(
                    hearth, quiet, session -> session.at("/state").asText().equals("CLOSED"));
            assertThat(closed.at("/close_reason").asText()).isEqualTo("IDLE");
            // the store says CLOSED first, then the engine is told
            awaitEngineClosed(engine, quiet);
            // the busy one was last used before the quiet one opened, yet its statement still runs
            JsonNode stillOpen = json(hearth.get("/v1/sessions/" + busy).body());
            assertThat(stillOpen.at("/state").asText()).isEqualTo("OPEN");

            hearth.post("/v1/statements/" + blocking + "/cancel", "");
            awaitState(hearth, blocking, "CANCELED");
            JsonNode idle = awaitSession(
                    hearth, busy, session -> session.at("/state").asText().equals("CLOSED"));
            assertThat(idle.at("/close_reason").asText()).isEqualTo("IDLE");
            assertThat(Duration.between(
                            Instant.parse(idle.at("/last_used_at").asText()),
                            Instant.parse(idle.at("/closed_at").asText())))
                    .as("idle time counts from the statement's end")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void aLostEngineClosesItsSessions() throws Exception {
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of())) {
            String id = open(hearth);
            hearth.engines().latest().crash();

            JsonNode closed = awaitSession(
                    hearth, id, session -> session.at("/state").asText().equals("CLOSED"));
            assertThat(closed.at("/close_reason").asText()).isEqualTo("ENGINE_LOST");
            HttpResponse<String> refused =
                    hearth.post("/v1/statements", "{\"statement\": \"get k\", \"session_id\": \"" + id + "\"}");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(json(refused.body()).at("/detail").asText()).contains("engine was lost");

            String next = open(hearth);
            assertThat(json(hearth.get("/v1/sessions/" + next).body())
                            .at("/engine_id")
                            .asText())
                    .as("a new session opens on a new engine")
                    .isNotEqualTo(closed.at("/engine_id").asText());
        }
    }

    @Test
    void aStoppedEngineClosesItsSessions() throws Exception {
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of())) {
            String id = open(hearth);
            String engineId = json(hearth.get("/v1/sessions/" + id).body())
                    .at("/engine_id")
                    .asText();
            assertThat(hearth.delete("/v1/engines/" + engineId).statusCode()).isEqualTo(200);

            JsonNode closed = awaitSession(
                    hearth, id, session -> session.at("/state").asText().equals("CLOSED"));
            assertThat(closed.at("/close_reason").asText()).isEqualTo("ENGINE_LOST");
        }
    }

    @Test
    void aRestartClosesSessionsLeftOpenButKeepsTheirStatements() throws Exception {
        String id;
        String statement;
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of())) {
            id = open(hearth);
            statement = hearth.submit("{\"statement\": \"set k=before\", \"session_id\": \"" + id + "\"}")
                    .at("/statement_id")
                    .asText();
        }
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of())) {
            JsonNode closed = json(hearth.get("/v1/sessions/" + id).body());
            assertThat(closed.at("/state").asText()).isEqualTo("CLOSED");
            assertThat(closed.at("/close_reason").asText()).isEqualTo("GATEWAY_RESTARTED");
            assertThat(hearth.post("/v1/statements", "{\"statement\": \"get k\", \"session_id\": \"" + id + "\"}")
                            .statusCode())
                    .isEqualTo(409);
            JsonNode kept = json(hearth.get("/v1/statements/" + statement).body());
            assertThat(kept.at("/status/state").asText()).isEqualTo("SUCCEEDED");
            assertThat(kept.at("/result/data_array/0/0").asText()).isEqualTo("before");
        }
    }

    @Test
    void anotherUsersSessionIsNotFound() throws Exception {
        // two users of the basic method: development mode's one user is an admin, who sees every session
        Path users = TestingUsers.users().add("alice", "a").add("bob", "b").writeTo(dataDirectory.resolve("users"));
        try (TestingHearth gateway = TestingHearth.start(dataDirectory, TestingUsers.basicAuth(users))) {
            String alices = open(gateway.as("alice", "a"));
            TestingHearth hearth = gateway.as("bob", "b");
            assertThat(hearth.get("/v1/sessions/" + alices).statusCode()).isEqualTo(404);
            assertThat(hearth.delete("/v1/sessions/" + alices).statusCode()).isEqualTo(404);
            assertThat(hearth.post("/v1/statements", "{\"statement\": \"get k\", \"session_id\": \"" + alices + "\"}")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(json(hearth.get("/v1/sessions").body()).at("/sessions")).isEmpty();
        }
    }

    private static String open(TestingHearth hearth) {
        HttpResponse<String> response = hearth.post("/v1/sessions", "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).at("/session_id").asText();
    }

    private static String submit(TestingHearth hearth, String statement, String sessionId) {
        return hearth.submit("{\"statement\": \"" + statement + "\", \"wait_timeout\": \"0s\", \"session_id\": \""
                        + sessionId + "\"}")
                .at("/statement_id")
                .asText();
    }

    private static void awaitEngineClosed(TestingEngine engine, String sessionId) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(10);
        while (engine.openSessions().contains(sessionId)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("session " + sessionId + " is still open on the engine after 10s");
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode awaitSession(TestingHearth hearth, String id, Predicate<JsonNode> done)
            throws InterruptedException {
        Instant end = Instant.now().plusSeconds(10);
        while (true) {
            JsonNode session = json(hearth.get("/v1/sessions/" + id).body());
            if (done.test(session)) {
                return session;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("session " + id + " did not get there in 10s: " + session);
            }
            Thread.sleep(20);
        }
    }
}
