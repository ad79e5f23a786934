package io.hearth.server.auth;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API tokens end to end: a gateway with {@code auth.methods=basic,token}; tokens made with a
 * password, then used as {@code Authorization: Bearer hth_...} over real HTTP.
 */
class TokenAuthApiTest {
    private static final String STATEMENT = "{\"statement\": \"select 1\", \"wait_timeout\": \"5s\"}";

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;
    private static TestingHearth alice;
    private static TestingHearth bob;
    private static TestingHearth root;

    @BeforeAll
    static void start() throws Exception {
        Path usersFile = TestingUsers.users()
                .add("alice", "alice-secret", "analysts")
                .add("bob", "bob-secret")
                .add("root", "root-secret", "operators")
                .writeTo(dataDirectory.resolve("conf/users"));
        hearth = TestingHearth.start(
                dataDirectory,
                Map.of(
                        "auth.methods", "basic,token",
                        "auth.users-file", usersFile.toString(),
                        "auth.admin-groups", "operators",
                        "auth.failed-logins.max-per-address", "1000"));
        alice = hearth.as("alice", "alice-secret");
        bob = hearth.as("bob", "bob-secret");
        root = hearth.as("root", "root-secret");
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    private static JsonNode createToken(TestingHearth as, String body) {
        HttpResponse<String> answer = as.post("/v1/tokens", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer.body());
    }

    @Test
    void aTokenActsAsItsOwnerWithTheGroupsItWasCreatedWith() {
        JsonNode created = createToken(alice, "{\"name\": \"ci\"}");
        TestingHearth byToken = hearth.withToken(created.get("token").asText());

        HttpResponse<String> statement = byToken.post("/v1/statements", STATEMENT);
        assertThat(statement.statusCode()).as(statement.body()).isEqualTo(200);

        HttpResponse<String> own =
                byToken.get("/v1/tokens/" + created.get("token_id").asText());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonNode info = json(own.body());
        assertThat(info.get("groups")).hasSize(1);
        assertThat(info.get("groups").get(0).asText()).isEqualTo("analysts");
        assertThat(info.get("last_used_at").asText())
                .as("recorded on first use")
                .isNotBlank();
        String statementId = json(statement.body()).get("statement_id").asText();
        assertThat(alice.get("/v1/statements/" + statementId).statusCode())
                .as("alice's statement")
                .isEqualTo(200);
        assertThat(bob.get("/v1/statements/" + statementId).statusCode()).isEqualTo(404);
    }

    @Test
    void aRevokedTokenIsRefusedWithABearerChallenge() {
        JsonNode created = createToken(alice, "{\"name\": \"to revoke\"}");
        TestingHearth byToken = hearth.withToken(created.get("token").asText());
        assertThat(byToken.get("/v1/statements").statusCode()).isEqualTo(200);

        assertThat(alice.delete("/v1/tokens/" + created.get("token_id").asText())
                        .statusCode())
                .isEqualTo(204);

        assertUnauthenticated(byToken.get("/v1/statements"));
    }

    @Test
    void wrongSecretsMalformedTokensAndJwtsAreRefused() {
        String token = createToken(alice, "{\"name\": \"real\"}").get("token").asText();
        String wrongSecret = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");

        assertUnauthenticated(hearth.withToken(wrongSecret).get("/v1/statements"));
        assertUnauthenticated(hearth.withToken("hth_nothing").get("/v1/statements"));
        assertUnauthenticated(hearth.withToken("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").get("/v1/statements"));
        assertUnauthenticated(hearth.post("/v1/tokens", "{\"name\": \"anonymous\"}"));
    }

    @Test
    void othersTokensAreNotFoundButAnAdminCanReadAndRevokeThem() {
        String tokenId =
                createToken(alice, "{\"name\": \"alice's\"}").get("token_id").asText();

        assertThat(bob.get("/v1/tokens/" + tokenId).statusCode()).isEqualTo(404);
        assertThat(bob.delete("/v1/tokens/" + tokenId).statusCode()).isEqualTo(404);
        assertThat(bob.get("/v1/tokens").body()).doesNotContain(tokenId);
        assertThat(json(alice.get("/v1/tokens/" + tokenId).body()).get("state").asText())
                .isEqualTo("ACTIVE");

        // root is an admin through a group its token carries
        TestingHearth rootByToken = hearth.withToken(
                createToken(root, "{\"name\": \"ops\"}").get("token").asText());
        assertThat(rootByToken.get("/v1/tokens/" + tokenId).statusCode()).isEqualTo(200);
        assertThat(rootByToken.delete("/v1/tokens/" + tokenId).statusCode()).isEqualTo(204);
        assertThat(json(alice.get("/v1/tokens/" + tokenId).body()).get("state").asText())
                .isEqualTo("REVOKED");
    }

    @Test
    void aTokenCannotCreateATokenThatOutlivesIt() {
        TestingHearth byToken = hearth.withToken(createToken(alice, "{\"name\": \"parent\", \"expires_in\": \"2d\"}")
                .get("token")
                .asText());

        HttpResponse<String> longer = byToken.post("/v1/tokens", "{\"name\": \"child\", \"expires_in\": \"3d\"}");
        HttpResponse<String> shorter = byToken.post("/v1/tokens", "{\"name\": \"child\", \"expires_in\": \"1d\"}");

        assertThat(longer.statusCode()).as(longer.body()).isEqualTo(400);
        assertThat(json(longer.body()).get("field").asText()).isEqualTo("expires_in");
        assertThat(shorter.statusCode()).as(shorter.body()).isEqualTo(201);
        assertThat(hearth.withToken(json(shorter.body()).get("token").asText())
                        .get("/v1/statements")
                        .statusCode())
                .isEqualTo(200);
    }

    private static void assertUnauthenticated(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(answer.headers().allValues("WWW-Authenticate"))
                .containsExactly("Basic realm=\"hearth\", charset=\"UTF-8\"", "Bearer realm=\"hearth\"");
        assertThat(json(answer.body()).get("error_code").asText()).isEqualTo("UNAUTHENTICATED");
    }
}
