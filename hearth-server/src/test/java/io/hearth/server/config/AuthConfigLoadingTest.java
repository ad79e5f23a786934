package io.hearth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.auth.AuthConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code auth.*} keys: their pinned defaults, and the refusal of development mode off loopback. */
class AuthConfigLoadingTest {
    @TempDir
    Path home;

    @Test
    void defaultsArePinned() {
        AuthConfig auth = load(Map.of()).auth();

        assertThat(auth.methods()).isEmpty();
        assertThat(auth.developmentMode()).isTrue();
        assertThat(auth.defaultUser()).isEqualTo(System.getProperty("user.name"));
        assertThat(auth.usersFile())
                .isEqualTo(home.resolve("conf").resolve("users").toAbsolutePath());
        assertThat(auth.admins()).isEmpty();
        assertThat(auth.adminGroups()).isEmpty();
        assertThat(auth.realm()).isEqualTo("hearth");
        assertThat(auth.failedLoginsMax()).isEqualTo(5);
        assertThat(auth.failedLoginsMaxPerAddress()).isEqualTo(20);
        assertThat(auth.failedLoginsWindow()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void readsEveryKey() {
        AuthConfig auth = load(Map.of(
                        "auth.methods", " Basic , ldap",
                        "auth.default-user", "dev",
                        "auth.users-file", "/etc/hearth/users",
                        "auth.admins", "root, olga",
                        "auth.admin-groups", "operators",
                        "auth.realm", "spark",
                        "auth.failed-logins.max", "3",
                        "auth.failed-logins.max-per-address", "50",
                        "auth.failed-logins.window", "5m"))
                .auth();

        assertThat(auth.methods()).containsExactly("basic", "ldap");
        assertThat(auth.defaultUser()).isEqualTo("dev");
        assertThat(auth.usersFile()).isEqualTo(Path.of("/etc/hearth/users"));
        assertThat(auth.admins()).containsExactlyInAnyOrder("root", "olga");
        assertThat(auth.adminGroups()).containsExactly("operators");
        assertThat(auth.realm()).isEqualTo("spark");
        assertThat(auth.failedLoginsMax()).isEqualTo(3);
        assertThat(auth.failedLoginsMaxPerAddress()).isEqualTo(50);
        assertThat(auth.failedLoginsWindow()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theEnvironmentSetsTheMethods() {
        HearthConfig config =
                ConfigLoader.load(Optional.empty(), Map.of("HEARTH_AUTH_METHODS", "basic"), Map.of(), home);

        assertThat(config.auth().methods()).containsExactly("basic");
    }

    @Test
    void theClientsVariablesInTheSameShellAreNotSettings() {
        HearthConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of("HEARTH_USER", "alice", "HEARTH_PASSWORD", "pw", "HEARTH_TOKEN", "t", "HEARTH_SERVER", "x"),
                Map.of(),
                home);

        assertThat(config.auth().developmentMode()).isTrue();
    }

    @Test
    void refusesUnknownOrRepeatedMethodsAndBadLimits() {
        assertThatThrownBy(() -> load(Map.of("auth.methods", "basic,kerberos")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown method \"kerberos\"");
        assertThatThrownBy(() -> load(Map.of("auth.methods", "basic,basic")))
                .hasMessageContaining("names a method twice");
        assertThatThrownBy(() -> load(Map.of("auth.failed-logins.max", "0")))
                .hasMessageContaining("auth.failed-logins.max");
        assertThatThrownBy(() -> load(Map.of("auth.failed-logins.window", "0s")))
                .hasMessageContaining("auth.failed-logins.window");
        assertThatThrownBy(() -> load(Map.of("auth.realm", "a\"b"))).hasMessageContaining("auth.realm");
    }

    @Test
    void developmentModeListensOnlyOnLoopback() {
        assertThat(load(Map.of("http.host", "localhost")).http().host()).isEqualTo("localhost");
        assertThat(load(Map.of("http.host", "::1")).http().host()).isEqualTo("::1");

        assertThatThrownBy(() -> load(Map.of("http.host", "0.0.0.0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.host is 0.0.0.0 (from the command line), but auth.methods is empty")
                .hasMessageContaining("Configure auth.methods");
        assertThat(load(Map.of("http.host", "0.0.0.0", "auth.methods", "basic"))
                        .http()
                        .host())
                .isEqualTo("0.0.0.0");
    }

    private HearthConfig load(Map<String, String> settings) {
        return ConfigLoader.load(Optional.empty(), Map.of(), settings, home);
    }
}
