package io.hearth.server.auth;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.token.TokenRequest;
import io.hearth.api.token.TokenState;
import io.hearth.testing.TestingClock;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Principal ALICE = new Principal("alice", List.of("analysts", "etl"));
    private static final Principal BOB = new Principal("bob");
    private static final Principal ADMIN = new Principal("root", List.of(), true);

    private final TestingClock clock = new TestingClock(T0);
    private final TestingTokenRepository repository = new TestingTokenRepository();
    private final AtomicInteger nextId = new AtomicInteger();
    private final TokenService tokens = new TokenService(
            repository,
            new TokenConfig(Duration.ofDays(30), Duration.ofDays(90)),
            clock,
            new SecureRandom(),
            () -> "tok-" + nextId.incrementAndGet());

    private NewToken create(Principal principal, TokenRequest request) {
        return tokens.create(principal, request, Optional.empty());
    }

    @Test
    void createsATokenWhoseTextShowsItsIdAndWhoseSecretIsStoredOnlyAsItsSha256() throws Exception {
        NewToken created = create(ALICE, TokenRequest.named("  ci nightly "));

        assertThat(created.text()).matches("hth_tok-1_[A-Za-z0-9_-]{43}");
        ApiToken stored = repository.find("tok-1").orElseThrow();
        String secret = created.text().substring("hth_tok-1_".length());
        assertThat(stored.secretSha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(ISO_8859_1))));
        assertThat(stored.name()).isEqualTo("ci nightly");
        assertThat(stored.owner()).isEqualTo("alice");
        assertThat(stored.groups()).containsExactly("analysts", "etl");
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.expiresAt()).as("the default lifetime").isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(created.toString()).doesNotContain(secret);
        assertThat(create(ALICE, TokenRequest.named("ci nightly")).text())
                .as("names need not be unique; secrets differ")
                .doesNotContain(secret);
    }

    @Test
    void verifiesAGoodTokenAsItsOwnerWithTheGroupsItWasCreatedWith() {
        NewToken created = create(ALICE, TokenRequest.named("ci"));

        Optional<Principal> principal = tokens.verify(created.text());

        assertThat(principal).contains(new Principal("alice", List.of("analysts", "etl"), false));
    }

    @Test
    void refusesAWrongSecretMalformedTextAndUnknownIds() {
        NewToken created = create(ALICE, TokenRequest.named("ci"));
        String text = created.text();
        char last = text.charAt(text.length() - 1);
        char first = text.charAt("hth_tok-1_".length());

        assertThat(tokens.verify(text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A')))
                .isEmpty();
        assertThat(tokens.verify("hth_tok-1_" + (first == 'A' ? 'B' : 'A') + text.substring("hth_tok-1_".length() + 1)))
                .isEmpty();
        assertThat(tokens.verify(text + "A")).as("a secret too long").isEmpty();
        assertThat(tokens.verify(text.substring(0, text.length() - 1)))
                .as("a secret too short")
                .isEmpty();
        assertThat(tokens.verify(text.replace("tok-1", "tok-9")))
                .as("an unknown id")
                .isEmpty();
        assertThat(tokens.verify("hth_")).isEmpty();
        assertThat(tokens.verify("hth_tok-1")).isEmpty();
        assertThat(tokens.verify("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(text)).isPresent();
    }

    @Test
    void comparesSecretHashesInConstantTime() throws Exception {
        // TokenText holds the one comparison of a presented secret with a stored hash
        byte[] classFile;
        try (InputStream in = TokenText.class.getResourceAsStream("TokenText.class")) {
            classFile = in.readAllBytes();
        }
        String constants = new String(classFile, ISO_8859_1);

        assertThat(constants).contains("java/security/MessageDigest").contains("isEqual");
        assertThat(constants).doesNotContain("java/util/Arrays");
        TokenText text = TokenText.generate("t", new SecureRandom());
        assertThat(text.matches(text.secretSha256())).isTrue();
        assertThat(text.matches("00".repeat(32))).isFalse();
        assertThat(text.matches("not hex")).isFalse();
        assertThat(text.matches("")).isFalse();
    }

    @Test
    void anExpiredTokenAuthenticatesNothing() {
        NewToken created = create(ALICE, new TokenRequest("short", "1h", null));

        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.verify(created.text())).isPresent();
        clock.advance(Duration.ofMinutes(1));

        assertThat(tokens.verify(created.text())).isEmpty();
        assertThat(tokens.stateOf(tokens.find(ALICE, "tok-1"))).isEqualTo(TokenState.EXPIRED);
    }

    @Test
    void aRevokedTokenAuthenticatesNothingAndRevokingAgainChangesNothing() {
        NewToken created = create(ALICE, TokenRequest.named("ci"));

        ApiToken revoked = tokens.revoke(ALICE, "tok-1");
        clock.advance(Duration.ofMinutes(5));
        ApiToken again = tokens.revoke(ALICE, "tok-1");

        assertThat(tokens.verify(created.text())).isEmpty();
        assertThat(revoked.revokedAt()).isEqualTo(T0);
        assertThat(again.revokedAt()).isEqualTo(T0);
        assertThat(tokens.stateOf(again)).isEqualTo(TokenState.REVOKED);
    }

    @Test
    void writesTheLastUseAtMostOnceAMinute() {
        NewToken created = create(ALICE, TokenRequest.named("ci"));

        for (int i = 0; i < 5; i++) {
            assertThat(tokens.verify(created.text())).isPresent();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(repository.useWrites()).isEqualTo(1);
        assertThat(repository.find("tok-1").orElseThrow().lastUsedAt()).isEqualTo(T0);

        clock.advance(Duration.ofSeconds(11));
        tokens.verify(created.text());

        assertThat(repository.useWrites()).isEqualTo(2);
        assertThat(repository.find("tok-1").orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(61));
    }

    @Test
    void othersTokensAreNotFoundButAnAdminSeesAndRevokesThem() {
        create(ALICE, TokenRequest.named("ci"));
        create(BOB, TokenRequest.named("bob's"));

        assertThatThrownBy(() -> tokens.find(BOB, "tok-1"))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessage("token tok-1 does not exist");
        assertThatThrownBy(() -> tokens.revoke(BOB, "tok-1")).isInstanceOf(HearthException.class);
        assertThat(tokens.list(ALICE, Optional.empty(), 10))
                .extracting(ApiToken::id)
                .containsExactly("tok-1");
        assertThat(tokens.list(ADMIN, Optional.empty(), 10))
                .as("a listing shows the caller's own, also for an admin")
                .isEmpty();
        assertThat(tokens.find(ADMIN, "tok-1").owner()).isEqualTo("alice");
        assertThat(tokens.revoke(ADMIN, "tok-1").revokedAt()).isEqualTo(T0);
    }

    @Test
    void takesExpiryAsADurationOrAnInstantWithinTheMaximum() {
        assertThat(create(ALICE, new TokenRequest("a", "12h", null)).token().expiresAt())
                .isEqualTo(T0.plus(Duration.ofHours(12)));
        assertThat(create(ALICE, new TokenRequest("b", null, T0.plus(Duration.ofDays(90))))
                        .token()
                        .expiresAt())
                .isEqualTo(T0.plus(Duration.ofDays(90)));

        assertInvalid(new TokenRequest("c", "91d", null), "expires_in", "expires_in must be at most 90d from now");
        assertInvalid(new TokenRequest("c", "999999999999d", null), "expires_in", "at most 90d");
        assertInvalid(
                new TokenRequest("c", null, T0.plus(Duration.ofDays(90)).plusSeconds(1)), "expires_at", "at most 90d");
        assertInvalid(new TokenRequest("c", "30s", null), "expires_in", "at least 1m");
        assertInvalid(new TokenRequest("c", null, T0.minusSeconds(1)), "expires_at", "at least 1m");
        assertInvalid(new TokenRequest("c", "soon", null), "expires_in", "a duration such as 12h");
        assertInvalid(new TokenRequest("c", "1d", T0.plusSeconds(3600)), "expires_at", "not both");
        assertInvalid(new TokenRequest(null, null, null), "name", "name is required");
        assertInvalid(new TokenRequest(" ", null, null), "name", "name is required");
        assertInvalid(new TokenRequest("x".repeat(256), null, null), "name", "at most 255");
        assertInvalid(new TokenRequest("a\nb", null, null), "name", "control characters");
        assertThat(repository.list("alice", Optional.empty(), 10)).hasSize(2);
    }

    @Test
    void aTokenCannotCreateATokenThatOutlivesIt() {
        NewToken parent = create(ALICE, new TokenRequest("parent", "2d", null));
        Optional<Credentials.Token> sentWith = Optional.of(new Credentials.Token(parent.text()));

        NewToken byDefault = tokens.create(ALICE, TokenRequest.named("child"), sentWith);
        NewToken shorter = tokens.create(ALICE, new TokenRequest("child", "1d", null), sentWith);

        assertThat(byDefault.token().expiresAt())
                .as("the default lifetime is cut to the parent's")
                .isEqualTo(parent.token().expiresAt());
        assertThat(shorter.token().expiresAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> tokens.create(ALICE, new TokenRequest("child", "3d", null), sentWith))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.field()).isEqualTo("expires_in"))
                .hasMessageContaining("when the token this request was sent with expires");
        assertThatThrownBy(() -> tokens.create(BOB, TokenRequest.named("stolen"), sentWith))
                .as("a token of someone else")
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        tokens.revoke(ALICE, parent.token().id());
        assertThatThrownBy(() -> tokens.create(ALICE, TokenRequest.named("after"), sentWith))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    private void assertInvalid(TokenRequest request, String field, String message) {
        assertThatThrownBy(() -> create(ALICE, request))
                .isInstanceOfSatisfying(HearthException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.field()).isEqualTo(field);
                })
                .hasMessageContaining(message);
    }
}
