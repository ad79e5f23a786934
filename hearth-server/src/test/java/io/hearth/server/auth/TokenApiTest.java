package io.hearth.server.auth;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokens REST API over real HTTP. Until the authentication chain is configured every request
 * acts as the default user, so these tests are one user's view.
 */
class TokenApiTest {
    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        hearth =
                TestingHearth.start(dataDirectory, Map.of("auth.default-user", "alice", "auth.tokens.max-ttl", "400d"));
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    private static JsonNode create(String body) {
        HttpResponse<String> answer = hearth.post("/v1/tokens", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer.body());
    }

    @Test
    void createsATokenShowingItsTextOnceThenReadsListsAndRevokesIt() {
        Instant before = Instant.now();
        HttpResponse<String> answer = hearth.post("/v1/tokens", "{\"name\": \"ci nightly\", \"expires_in\": \"90d\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode created = json(answer.body());
        String tokenId = created.get("token_id").asText();
        String token = created.get("token").asText();
        assertThat(answer.headers().firstValue("Location")).contains("/v1/tokens/" + tokenId);
        assertThat(token).startsWith("hth_" + tokenId + "_");
        assertThat(created.get("owner").asText()).isEqualTo("alice");
        assertThat(created.get("name").asText()).isEqualTo("ci nightly");
        Instant expiresAt = Instant.parse(created.get("expires_at").asText());
        assertThat(expiresAt)
                .isBetween(before.plus(Duration.ofDays(90)), Instant.now().plus(Duration.ofDays(90)));
        String secret = token.substring(token.lastIndexOf('_') + 1);

        HttpResponse<String> one = hearth.get("/v1/tokens/" + tokenId);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        JsonNode info = json(one.body());
        assertThat(info.get("token_id").asText()).isEqualTo(tokenId);
        assertThat(info.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(info.get("expires_at").asText())
                .isEqualTo(created.get("expires_at").asText());
        assertThat(info.get("last_used_at").isNull()).isTrue();
        assertThat(info.get("revoked_at").isNull()).isTrue();
        assertThat(info.has("token")).isFalse();
        assertThat(one.body()).doesNotContain(secret);

        HttpResponse<String> list = hearth.get("/v1/tokens");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(tokenId).doesNotContain(secret).doesNotContain("hth_");

        HttpResponse<String> revoked = hearth.delete("/v1/tokens/" + tokenId);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        JsonNode after = json(hearth.get("/v1/tokens/" + tokenId).body());
        assertThat(after.get("state").asText()).isEqualTo("REVOKED");
        assertThat(after.get("revoked_at").asText()).isNotBlank();
        assertThat(hearth.delete("/v1/tokens/" + tokenId).statusCode())
                .as("revoking twice")
                .isEqualTo(204);
    }

    @Test
    void createsWithTheDefaultLifetimeOrAnExpiryInstant() {
        Instant before = Instant.now();
        JsonNode byDefault = create("{\"name\": \"default\"}");
        assertThat(Instant.parse(byDefault.get("expires_at").asText()))
                .isBetween(before.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)));

        Instant at = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonNode byInstant = create("{\"name\": \"at\", \"expires_at\": \"" + at + "\"}");
        assertThat(Instant.parse(byInstant.get("expires_at").asText())).isEqualTo(at);
    }

    @Test
    void listsNewestFirstInPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create("{\"name\": \"paged " + i + "\"}").get("token_id").asText());
        }

        List<String> seen = new ArrayList<>();
        String pageToken = null;
        do {
            JsonNode page =
                    json(hearth.get("/v1/tokens?limit=1" + (pageToken == null ? "" : "&page_token=" + pageToken))
                            .body());
            assertThat(page.get("tokens")).hasSizeLessThanOrEqualTo(1);
            page.get("tokens").forEach(token -> seen.add(token.get("token_id").asText()));
            pageToken = page.get("next_page_token").isNull()
                    ? null
                    : page.get("next_page_token").asText();
        } while (pageToken != null);

        assertThat(seen).containsSubsequence(ids.get(2), ids.get(1), ids.get(0));
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void unknownTokensAreNotFound() {
        for (HttpResponse<String> answer :
                List.of(hearth.get("/v1/tokens/no-such-token"), hearth.delete("/v1/tokens/no-such-token"))) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(answer.body()).get("detail").asText()).isEqualTo("token no-such-token does not exist");
        }
    }

    @Test
    void badRequestsAnswer400NamingTheField() {
        assertBadRequest("{}", "name");
        assertBadRequest("{\"name\": \"  \"}", "name");
        assertBadRequest("{\"name\": \"x\", \"expires_in\": \"forever\"}", "expires_in");
        assertBadRequest("{\"name\": \"x\", \"expires_in\": \"401d\"}", "expires_in");
        assertBadRequest("{\"name\": \"x\", \"expires_in\": \"10s\"}", "expires_in");
        assertBadRequest("{\"name\": \"x\", \"expires_at\": \"2020-01-01T00:00:00Z\"}", "expires_at");
        assertBadRequest("{\"name\": \"x\", \"expires_at\": \"tomorrow\"}", "expires_at");
        assertBadRequest(
                "{\"name\": \"x\", \"expires_in\": \"1d\", \"expires_at\": \"2099-01-01T00:00:00Z\"}", "expires_at");
        assertBadRequest("{\"name\": \"x\", \"scopes\": [\"all\"]}", "scopes");
        HttpResponse<String> badPage = hearth.get("/v1/tokens?page_token=nonsense");
        assertThat(badPage.statusCode()).as(badPage.body()).isEqualTo(400);
        assertThat(json(badPage.body()).get("field").asText()).isEqualTo("page_token");
        assertThat(hearth.post("/v1/tokens", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void aTokenCannotCreateATokenThatOutlivesIt() {
        String parent = create("{\"name\": \"parent\", \"expires_in\": \"2d\"}")
                .get("token")
                .asText();

        HttpResponse<String> longer = postWithToken(parent, "{\"name\": \"child\", \"expires_in\": \"3d\"}");
        HttpResponse<String> shorter = postWithToken(parent, "{\"name\": \"child\", \"expires_in\": \"1d\"}");

        assertThat(longer.statusCode()).as(longer.body()).isEqualTo(400);
        assertThat(json(longer.body()).get("field").asText()).isEqualTo("expires_in");
        assertThat(shorter.statusCode()).as(shorter.body()).isEqualTo(201);
    }

    private static HttpResponse<String> postWithToken(String token, String body) {
        return hearth.send(HttpRequest.newBuilder(hearth.uri("/v1/tokens"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static void assertBadRequest(String body, String field) {
        HttpResponse<String> answer = hearth.post("/v1/tokens", body);
        assertThat(answer.statusCode()).as(body + " -> " + answer.body()).isEqualTo(400);
        assertThat(json(answer.body()).get("field").asText()).as(answer.body()).isEqualTo(field);
    }
}
