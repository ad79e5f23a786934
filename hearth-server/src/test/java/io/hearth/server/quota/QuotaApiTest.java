package io.hearth.server.quota;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-user quotas as clients meet them: 429 problems, before anything is stored. */
class QuotaApiTest {
    @TempDir
    Path dataDirectory;

    private TestingHearth hearth;

    @AfterEach
    void stop() {
        if (hearth != null) {
            hearth.close();
        }
    }

    private void start(Map<String, String> settings) throws Exception {
        Path users = TestingUsers.users().add("alice", "a").add("bob", "b").writeTo(dataDirectory.resolve("users"));
        Map<String, String> all = new HashMap<>(TestingUsers.basicAuth(users));
        all.putAll(settings);
        hearth = TestingHearth.start(dataDirectory, all);
    }

    @Test
    void refusesWorkBeyondTheUsersRunningQuotaWithRetryAfter() throws Exception {
        start(Map.of(
                "quota.max-running", "2",
                "quota.user.bob.max-running", "3",
                "engine.queue.retry-after", "7s"));
        TestingHearth alice = hearth.as("alice", "a");
        TestingHearth bob = hearth.as("bob", "b");
        alice.submit("{\"statement\": \"block\", \"wait_timeout\": \"0s\"}");
        alice.submit("{\"statement\": \"block\", \"wait_timeout\": \"0s\"}");

        HttpResponse<String> refused = alice.post("/v1/statements", "{\"statement\": \"select 1\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).contains("7");
        JsonNode problem = json(refused.body());
        assertThat(problem.get("error_code").asText()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(problem.get("detail").asText()).contains("quota.max-running");
        assertThat(json(alice.get("/v1/statements").body()).get("statements"))
                .as("the refused statement was not stored")
                .hasSize(2);
        assertThat(alice.post("/v1/functions/nothing/jobs", "{}").statusCode())
                .as("jobs count too; an unknown function is still 404 first")
                .isEqualTo(404);

        // bob has a quota of his own
        for (int i = 0; i < 3; i++) {
            bob.submit("{\"statement\": \"block\", \"wait_timeout\": \"0s\"}");
        }
        assertThat(bob.post("/v1/statements", "{\"statement\": \"select 1\"}").statusCode())
                .isEqualTo(429);

        // canceling frees a place
        String first = json(alice.get("/v1/statements").body())
                .at("/statements/0/statement_id")
                .asText();
        assertThat(alice.post("/v1/statements/" + first + "/cancel", "").statusCode())
                .isEqualTo(200);
        TestingHearth.awaitState(alice, first, "CANCELED");
        HttpResponse<String> accepted =
                alice.post("/v1/statements", "{\"statement\": \"select 1\", \"wait_timeout\": \"5s\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    }

    @Test
    void refusesNewWorkWhileTheUsersStoredResultsAreOverTheirQuota() throws Exception {
        start(Map.of("quota.max-result-bytes", "1", "result.ttl", "1h"));
        TestingHearth alice = hearth.as("alice", "a");
        TestingHearth bob = hearth.as("bob", "b");
        JsonNode stored = alice.submit("{\"statement\": \"select id from range(10)\", \"wait_timeout\": \"5s\"}");
        assertThat(stored.at("/status/state").asText()).as(stored.toString()).isEqualTo("SUCCEEDED");
        assertThat(stored.at("/manifest/total_byte_count").asLong()).isPositive();

        HttpResponse<String> refused = alice.post("/v1/statements", "{\"statement\": \"select 1\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(json(refused.body()).get("detail").asText()).contains("quota.max-result-bytes");
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).as("until the result expires").isBetween(3500L, 3600L);
        assertThat(bob.post("/v1/statements", "{\"statement\": \"select 1\", \"wait_timeout\": \"5s\"}")
                        .statusCode())
                .as("bob's results are his own")
                .isEqualTo(200);
    }

    @Test
    void workNeedingAnEngineBeyondTheUsersEngineQuotaIsRefusedWith429() throws Exception {
        start(Map.of("quota.user.alice.max-engines", "1", "engine.queue.retry-after", "3s"));
        TestingHearth alice = hearth.as("alice", "a");
        TestingHearth bob = hearth.as("bob", "b");
        HttpResponse<String> context = alice.post(
                "/v1/contexts", "{\"name\": \"own\", \"share_level\": \"CONNECTION\", \"start_timeout\": \"2s\"}");
        assertThat(context.statusCode()).as(context.body()).isEqualTo(201);
        HttpResponse<String> first = alice.post("/v1/sessions", "{\"context\": \"own\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

        HttpResponse<String> second = alice.post("/v1/sessions", "{\"context\": \"own\"}");

        assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
        assertThat(json(second.body()).get("error_code").asText()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(json(second.body()).get("detail").asText()).contains("quota.user.alice.max-engines");
        assertThat(second.headers().firstValue("Retry-After")).contains("3");
        assertThat(bob.post("/v1/sessions", "{\"context\": \"own\"}").statusCode())
                .as("bob keeps the default, engine.max-per-user")
                .isEqualTo(200);
    }
}
