package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.StatementState;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's credentials against a gateway with {@code auth.methods=basic}. */
class CredentialsTest {
    @TempDir
    static Path directory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        Path users = TestingUsers.users()
                .add("alice", "alice-pw")
                .add("bob", "bob-pw")
                .writeTo(directory.resolve("users"));
        Map<String, String> settings = new HashMap<>(TestingUsers.basicAuth(users));
        settings.put("auth.failed-logins.max-per-address", "1000");
        hearth = TestingHearth.start(directory.resolve("data"), settings);
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void basicCredentialsActAsTheirUser() {
        try (HearthClient alice = client(Credentials.basic("alice", "alice-pw"));
                HearthClient bob = client(Credentials.basic("bob", "bob-pw"))) {
            String statementId =
                    alice.statements().execute("select * from range(3)").statementId();

            assertThat(alice.statements().find(statementId).status().state()).isEqualTo(StatementState.SUCCEEDED);
            assertThat(alice.statements().list(null, 100, null).statements())
                    .anySatisfy(statement -> assertThat(statement.statementId()).isEqualTo(statementId));
            assertThat(bob.statements().list(null, 100, null).statements())
                    .noneSatisfy(
                            statement -> assertThat(statement.statementId()).isEqualTo(statementId));
        }
    }

    @Test
    void wrongOrMissingCredentialsAreATypedUnauthenticatedError() {
        try (HearthClient wrong = client(Credentials.basic("alice", "guess"));
                HearthClient anonymous = client(Credentials.none());
                HearthClient bearer = client(Credentials.bearer("some-token"))) {
            assertThatThrownBy(() -> wrong.statements().execute("select * from range(1)"))
                    .isInstanceOfSatisfying(HearthClientException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.getMessage()).isEqualTo("the credentials were not accepted");
                    });
            assertThatThrownBy(() -> anonymous.engines().list())
                    .isInstanceOfSatisfying(
                            HearthClientException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED))
                    .hasMessageContaining("credentials are required");
            assertThatThrownBy(() -> bearer.engines().list())
                    .isInstanceOfSatisfying(
                            HearthClientException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED))
                    .hasMessageContaining("does not accept bearer tokens");
        }
    }

    @Test
    void credentialsNeverShowTheirSecret() {
        assertThat(Credentials.basic("alice", "alice-pw").toString()).doesNotContain("alice-pw");
        assertThat(Credentials.bearer("secret-token").toString()).doesNotContain("secret-token");
    }

    private static HearthClient client(Credentials credentials) {
        return HearthClient.builder()
                .server(hearth.uri(""))
                .credentials(credentials)
                .build();
    }
}
