package io.hearth.server.auth;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import io.hearth.server.config.ConfigException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway with {@code auth.methods=basic} over a users file, through its real REST API. */
class BasicAuthApiTest {
    private static final String STATEMENT = "{\"statement\": \"select 1\", \"wait_timeout\": \"5s\"}";

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;
    private static Path usersFile;

    @BeforeAll
    static void start() throws Exception {
        usersFile = TestingUsers.users()
                .add("alice", "alice-secret", "analysts")
                .add("bob", "bob-secret")
                .add("mallory", "mallory-secret")
                .add("root", "root-secret", "operators")
                .writeTo(dataDirectory.resolve("conf/users"));
        Map<String, String> settings = new HashMap<>(TestingUsers.basicAuth(usersFile));
        settings.put("auth.admin-groups", "operators");
        settings.put("auth.failed-logins.max", "3");
        settings.put("auth.failed-logins.max-per-address", "1000");
        hearth = TestingHearth.start(dataDirectory, settings);
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void answersWithTheRightPassword() {
        HttpResponse<String> answer = hearth.as("alice", "alice-secret").post("/v1/statements", STATEMENT);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String id = json(answer.body()).get("statement_id").asText();
        // the statement is alice's: hers to read, no one else's
        assertThat(hearth.as("alice", "alice-secret")
                        .get("/v1/statements/" + id)
                        .statusCode())
                .isEqualTo(200);
        assertThat(hearth.as("bob", "bob-secret").get("/v1/statements/" + id).statusCode())
                .isEqualTo(404);
    }

    @Test
    void refusesRequestsWithoutCredentialsWithAChallenge() {
        HttpResponse<String> answer = hearth.get("/v1/statements");

        assertUnauthenticated(answer);
        assertThat(json(answer.body()).get("detail").asText()).contains("credentials are required");
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownUserAlike() {
        HttpResponse<String> wrongPassword = hearth.as("bob", "guess").get("/v1/statements");
        HttpResponse<String> unknownUser = hearth.as("nobody", "guess").get("/v1/statements");

        assertUnauthenticated(wrongPassword);
        assertUnauthenticated(unknownUser);
        assertThat(json(wrongPassword.body()).get("detail"))
                .isEqualTo(json(unknownUser.body()).get("detail"));
    }

    @Test
    void refusesMalformedAndUnsupportedHeaders() {
        assertUnauthenticated(hearth.withAuthorization("Basic !!not-base64!!").get("/v1/statements"));
        assertUnauthenticated(hearth.withAuthorization("Digest username=alice").get("/v1/statements"));
        HttpResponse<String> bearer = hearth.withToken("some-token").get("/v1/statements");
        assertUnauthenticated(bearer);
        assertThat(json(bearer.body()).get("detail").asText()).contains("does not accept bearer tokens");
    }

    @Test
    void badCredentialsCreateNothing() {
        HttpResponse<String> refused = hearth.as("bob", "wrong").post("/v1/statements", STATEMENT);
        HttpResponse<String> anonymous = hearth.post("/v1/statements", STATEMENT);

        assertUnauthenticated(refused);
        assertUnauthenticated(anonymous);
        HttpResponse<String> bobsList = hearth.as("bob", "bob-secret").get("/v1/statements?limit=1000");
        assertThat(bobsList.statusCode()).isEqualTo(200);
        assertThat(json(bobsList.body()).get("statements")).isEmpty();
    }

    @Test
    void healthProbesNeedNoCredentialsButMetricsDo() {
        assertThat(hearth.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(hearth.get("/health/ready").statusCode()).isEqualTo(200);
        assertUnauthenticated(hearth.get("/metrics"));
        assertThat(hearth.as("alice", "alice-secret").get("/metrics").statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownPathsAskForCredentialsBeforeSayingTheyAreUnknown() {
        assertUnauthenticated(hearth.get("/v1/no-such-thing"));
        assertThat(hearth.as("alice", "alice-secret").get("/v1/no-such-thing").statusCode())
                .isEqualTo(404);
    }

    @Test
    void limitsFailedLoginsPerUserWithoutCheckingThePassword() {
        for (int i = 0; i < 3; i++) {
            assertUnauthenticated(hearth.as("mallory", "guess-" + i).get("/v1/statements"));
        }

        HttpResponse<String> limited = hearth.as("mallory", "mallory-secret").get("/v1/statements");

        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 60L);
        JsonNode problem = json(limited.body());
        assertThat(problem.get("error_code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(problem.get("detail").asText()).contains("too many failed logins for user mallory");
        // other users are not held back by mallory's failures
        assertThat(hearth.as("bob", "bob-secret").get("/v1/statements").statusCode())
                .isEqualTo(200);
    }

    @Test
    void readsUsersAddedToTheFileWithoutARestart() throws Exception {
        assertUnauthenticated(hearth.as("carol", "carol-secret").get("/v1/statements"));

        TestingUsers.users()
                .add("alice", "alice-secret", "analysts")
                .add("bob", "bob-secret")
                .add("mallory", "mallory-secret")
                .add("root", "root-secret", "operators")
                .add("carol", "carol-secret")
                .writeTo(usersFile);

        assertThat(hearth.as("carol", "carol-secret").get("/v1/statements").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aMethodWithoutItsSettingsOrAMissingUsersFileStopsStartUp(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> TestingHearth.start(elsewhere.resolve("a"), Map.of("auth.methods", "ldap")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.methods lists ldap, but no auth.ldap.* key is set");
        assertThatThrownBy(() -> TestingHearth.start(
                        elsewhere.resolve("b"),
                        Map.of(
                                "auth.methods",
                                "basic",
                                "auth.users-file",
                                elsewhere.resolve("none").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist; create it with `hearth user add");
    }

    private static void assertUnauthenticated(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.headers().allValues("WWW-Authenticate"))
                .containsExactly("Basic realm=\"hearth\", charset=\"UTF-8\"");
        assertThat(json(answer.body()).get("error_code").asText()).isEqualTo("UNAUTHENTICATED");
    }
}
