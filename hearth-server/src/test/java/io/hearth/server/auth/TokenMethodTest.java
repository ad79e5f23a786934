package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.token.TokenRequest;
import io.hearth.testing.TestingClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenMethodTest {
    private final TestingTokenRepository repository = new TestingTokenRepository();
    private final TokenService tokens = new TokenService(
            repository,
            TokenConfig.defaults(),
            new TestingClock(Instant.parse("2026-12-01T10:00:00Z")),
            new SecureRandom(),
            () -> "t1");
    private final TokenMethod method = new TokenMethod(tokens);

    @Test
    void isNamedTokenAndChecksBearerTokens() {
        assertThat(method.name()).isEqualTo("token");
        assertThat(method.accepts(new Credentials.Token("hth_t1_whatever"))).isTrue();
        assertThat(method.accepts(new Credentials.Token("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")))
                .as("any bearer token is this kind of credentials; a JWT then answers empty")
                .isTrue();
        assertThat(method.accepts(new Credentials.Password("alice", "hth_t1_x")))
                .isFalse();
    }

    @Test
    void authenticatesAGoodTokenAndLeavesEverythingElseToTheNextMethod() {
        String text = tokens.create(new Principal("alice", List.of("etl")), TokenRequest.named("ci"), Optional.empty())
                .text();

        assertThat(method.authenticate(new Credentials.Token(text)))
                .contains(new Principal("alice", List.of("etl"), false));
        assertThat(method.authenticate(new Credentials.Token(text + "x"))).isEmpty();
        assertThat(method.authenticate(new Credentials.Token("hth_malformed"))).isEmpty();
        assertThat(method.authenticate(new Credentials.Token("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")))
                .isEmpty();
        assertThat(method.authenticate(new Credentials.Password("alice", text))).isEmpty();
    }

    @Test
    void saysItCannotDecideWhenTheStoreIsUnreachable() {
        repository.breakDown();

        assertThatThrownBy(() -> method.authenticate(new Credentials.Token("hth_t1_" + "A".repeat(43))))
                .isInstanceOf(AuthUnavailableException.class)
                .hasMessageContaining("API tokens cannot be checked");
        assertThat(method.authenticate(new Credentials.Token("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")))
                .as("a JWT never reaches the store")
                .isEmpty();
    }
}
