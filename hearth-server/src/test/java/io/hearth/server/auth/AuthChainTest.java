package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AuthChainTest {
    private static final String REMOTE = "192.0.2.1";

    private final List<String> calls = new ArrayList<>();

    @Test
    void triesTheMethodsInOrderUntilOneAccepts() {
        AuthChain chain = chain(
                config(List.of("ldap", "basic")),
                method("ldap", Credentials.Password.class, credentials -> Optional.empty()),
                method("basic", Credentials.Password.class, credentials -> Optional.of(new Principal("alice"))));

        Principal principal = chain.authenticate(basic("alice", "pw"), REMOTE);

        assertThat(principal).isEqualTo(new Principal("alice"));
        assertThat(calls).containsExactly("ldap", "basic");
    }

    @Test
    void skipsMethodsThatDoNotTakeTheseCredentials() {
        AuthChain chain = chain(
                config(List.of("basic", "jwt")),
                method("basic", Credentials.Password.class, credentials -> Optional.of(new Principal("alice"))),
                method("jwt", Credentials.Token.class, credentials -> Optional.of(new Principal("service"))));

        assertThat(chain.authenticate(Optional.of("Bearer abc.def"), REMOTE).name())
                .isEqualTo("service");
        assertThat(calls).containsExactly("jwt");
        assertThat(chain.challenges())
                .containsExactly("Basic realm=\"hearth\", charset=\"UTF-8\"", "Bearer realm=\"hearth\"");
    }

    @Test
    void mapsTheAdminRoleByNameAndByGroup() {
        AuthConfig config = new AuthConfig(
                List.of("basic"),
                "hearth",
                Path.of("users"),
                Set.of("root"),
                Set.of("operators"),
                "hearth",
                5,
                20,
                Duration.ofMinutes(1));
        AuthChain chain = chain(config, method("basic", Credentials.Password.class, credentials -> {
            String user = ((Credentials.Password) credentials).user();
            return Optional.of(
                    new Principal(user, user.equals("olga") ? List.of("staff", "operators") : List.of("staff")));
        }));

        assertThat(chain.authenticate(basic("root", "x"), REMOTE).admin()).isTrue();
        assertThat(chain.authenticate(basic("olga", "x"), REMOTE).admin()).isTrue();
        Principal alice = chain.authenticate(basic("alice", "x"), REMOTE);
        assertThat(alice.admin()).isFalse();
        assertThat(alice.groups()).containsExactly("staff");
    }

    @Test
    void refusesWhenNoMethodAccepts() {
        AuthChain chain = chain(
                config(List.of("basic")), method("basic", Credentials.Password.class, credentials -> Optional.empty()));

        assertUnauthenticated(() -> chain.authenticate(basic("alice", "wrong"), REMOTE), "not accepted");
        assertUnauthenticated(() -> chain.authenticate(Optional.empty(), REMOTE), "credentials are required");
        assertUnauthenticated(
                () -> chain.authenticate(Optional.of("Bearer token"), REMOTE), "does not accept bearer tokens");
        assertUnauthenticated(() -> chain.authenticate(Optional.of("Basic %%%"), REMOTE), "not valid base64");
        assertUnauthenticated(
                () -> chain.authenticate(Optional.of("Basic " + encode("no-colon")), REMOTE), "user:password");
        assertUnauthenticated(() -> chain.authenticate(Optional.of("Negotiate abc"), REMOTE), "Basic or Bearer");
    }

    @Test
    void readsPasswordsWithColonsAndAnySchemeCase() {
        List<Credentials> seen = new ArrayList<>();
        AuthChain chain = chain(config(List.of("basic")), method("basic", Credentials.Password.class, credentials -> {
            seen.add(credentials);
            return Optional.of(new Principal("alice"));
        }));

        chain.authenticate(Optional.of("basic " + encode("alice:pa:ss wörd")), REMOTE);

        assertThat(seen).containsExactly(new Credentials.Password("alice", "pa:ss wörd"));
    }

    @Test
    void anUnavailableMethodIsSkippedAndNeverCountsAsAFailedLogin() {
        AuthChain chain = chain(config(List.of("ldap")), method("ldap", Credentials.Password.class, credentials -> {
            throw new AuthUnavailableException("directory unreachable", null);
        }));

        for (int i = 0; i < 10; i++) {
            assertUnauthenticated(() -> chain.authenticate(basic("alice", "pw"), REMOTE), "ldap unavailable");
        }

        AuthChain fallingBack = chain(
                config(List.of("ldap", "basic")),
                method("ldap", Credentials.Password.class, credentials -> {
                    throw new AuthUnavailableException("directory unreachable", null);
                }),
                method("basic", Credentials.Password.class, credentials -> Optional.of(new Principal("alice"))));
        assertThat(fallingBack.authenticate(basic("alice", "pw"), REMOTE).name())
                .isEqualTo("alice");
    }

    @Test
    void aRefusalCountsEvenWhileAnotherMethodIsUnavailable() {
        AuthChain chain = chain(
                config(List.of("ldap", "basic")),
                method("ldap", Credentials.Password.class, credentials -> {
                    throw new AuthUnavailableException("directory unreachable", null);
                }),
                method("basic", Credentials.Password.class, credentials -> Optional.empty()));
        for (int i = 0; i < 5; i++) {
            assertUnauthenticated(() -> chain.authenticate(basic("alice", "guess"), REMOTE), "ldap unavailable");
        }

        assertThatThrownBy(() -> chain.authenticate(basic("alice", "guess"), REMOTE))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
    }

    @Test
    void pastTheLimitTheCredentialsAreNotEvenChecked() {
        AuthChain chain = chain(
                config(List.of("basic")), method("basic", Credentials.Password.class, credentials -> Optional.empty()));
        for (int i = 0; i < 5; i++) {
            assertUnauthenticated(() -> chain.authenticate(basic("alice", "guess"), REMOTE), "not accepted");
        }
        calls.clear();

        assertThatThrownBy(() -> chain.authenticate(basic("alice", "right"), "198.51.100.7"))
                .isInstanceOfSatisfying(HearthException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
                    assertThat(e.retryAfter()).isPresent();
                });
        assertThat(calls).isEmpty();
    }

    @Test
    void aMethodThisGatewayDoesNotProvideStopsStartUp() {
        Map<String, Supplier<AuthMethod>> available = Map.of("basic", () -> {
            throw new AssertionError("not asked for");
        });

        assertThatThrownBy(() -> AuthChain.fromConfig(config(List.of("ldap")), available, Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.methods names \"ldap\", which this gateway does not provide")
                .hasMessageContaining("available: basic");
    }

    private AuthChain chain(AuthConfig config, AuthMethod... methods) {
        return new AuthChain(
                List.of(methods),
                config,
                new FailedLogins(
                        config.failedLoginsMax(),
                        config.failedLoginsMaxPerAddress(),
                        config.failedLoginsWindow(),
                        Clock.systemUTC()));
    }

    private static AuthConfig config(List<String> methods) {
        return new AuthConfig(
                methods, "hearth", Path.of("users"), Set.of(), Set.of(), "hearth", 5, 20, Duration.ofMinutes(1));
    }

    private AuthMethod method(
            String name, Class<? extends Credentials> kind, Function<Credentials, Optional<Principal>> answer) {
        return new AuthMethod() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean accepts(Credentials credentials) {
                return kind.isInstance(credentials);
            }

            @Override
            public Optional<Principal> authenticate(Credentials credentials) {
                calls.add(name);
                return answer.apply(credentials);
            }
        };
    }

    private static Credentials basic(String user, String password) {
        return new Credentials.Password(user, password);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertUnauthenticated(Runnable call, String detail) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED))
                .hasMessageContaining(detail);
    }
}
