package io.hearth.server.engine;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/pool} over HTTP: the admission queue and the engines by state, counted over every
 * user, as another user reads them.
 */
class PoolApiTest {
    @TempDir
    Path directory;

    private TestingHearth hearth;
    private TestingHearth alice;
    private TestingHearth bob;

    @BeforeEach
    void start() throws Exception {
        Path users = TestingUsers.users()
                .add("alice", "alice-password")
                .add("bob", "bob-password")
                .writeTo(directory.resolve("users"));
        Map<String, String> settings = new HashMap<>(TestingUsers.basicAuth(users));
        // one engine in all, one per user (share level USER): bob's work waits while alice's runs
        settings.put("engine.max-total", "1");
        settings.put("engine.queue.max-size", "7");
        hearth = TestingHearth.start(directory.resolve("data"), settings);
        alice = hearth.as("alice", "alice-password");
        bob = hearth.as("bob", "bob-password");
    }

    @AfterEach
    void stop() {
        hearth.close();
    }

    @Test
    void countsTheWholeGatewaysQueueAndEnginesForAnyUser() {
        JsonNode empty = pool(bob);
        assertThat(empty.get("queue_length").asInt()).isZero();
        assertThat(empty.get("admitted").asInt()).isZero();
        assertThat(empty.get("queue_max_size").asInt()).isEqualTo(7);
        assertThat(empty.get("max_total").asInt()).isEqualTo(1);
        assertThat(empty.get("engines").fieldNames())
                .toIterable()
                .containsExactly("STARTING", "IDLE", "BUSY", "STOPPING", "STOPPED", "LOST", "FAILED");
        empty.get("engines").forEach(count -> assertThat(count.asInt()).isZero());
        assertThat(Instant.parse(empty.get("sampled_at").asText()))
                .isBefore(Instant.now().plusSeconds(1));

        String alices = submitBlocking(alice);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> pool(bob).at("/engines/BUSY").asInt() == 1);
        String bobs = submitBlocking(bob);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> pool(alice).get("queue_length").asInt() == 1);
        JsonNode waiting = pool(alice);
        assertThat(waiting.get("admitted").asInt())
                .as("bob's statement, admitted, holds no engine")
                .isEqualTo(1);
        assertThat(waiting.at("/engines/BUSY").asInt()).isEqualTo(1);
        HttpResponse<String> answer = alice.get("/v1/pool");
        assertThat(answer.body()).as("counts only").doesNotContain("bob", bobs, alices);

        bob.post("/v1/statements/" + bobs + "/cancel", "");
        alice.post("/v1/statements/" + alices + "/cancel", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode after = pool(bob);
            return after.get("queue_length").asInt() == 0
                    && after.get("admitted").asInt() == 0
                    && after.at("/engines/BUSY").asInt() == 0;
        });
    }

    @Test
    void wantsCredentials() {
        assertThat(hearth.get("/v1/pool").statusCode()).isEqualTo(401);
    }

    private static JsonNode pool(TestingHearth caller) {
        HttpResponse<String> answer = caller.get("/v1/pool");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer.body());
    }

    private static String submitBlocking(TestingHearth caller) {
        HttpResponse<String> answer =
                caller.post("/v1/statements", "{\"statement\": \"block\", \"wait_timeout\": \"0s\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer.body()).get("statement_id").asText();
    }
}
