package io.hearth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.auth.JwtConfig;
import io.hearth.server.auth.LdapConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code auth.ldap.*} and {@code auth.jwt.*} keys. */
class LdapJwtConfigLoaderTest {
    @TempDir
    Path home;

    private HearthConfig load(Map<String, String> environment, String file) throws Exception {
        Path conf = home.resolve("hearth.conf");
        Files.writeString(conf, file);
        return ConfigLoader.load(Optional.of(conf), environment, Map.of(), home);
    }

    @Test
    void neitherMethodIsConfiguredByDefault() {
        HearthConfig config = ConfigLoader.load(Optional.empty(), Map.of(), Map.of(), home);

        assertThat(config.ldap()).isEmpty();
        assertThat(config.jwt()).isEmpty();
    }

    @Test
    void ldapDefaultsArePinned() throws Exception {
        LdapConfig ldap = load(Map.of(), """
                        auth.ldap.url = ldap://ldap.example.org
                        auth.ldap.user-dn-pattern = uid={0},ou=people,dc=example,dc=org
                        """).ldap().orElseThrow();

        assertThat(ldap.urls()).containsExactly("ldap://ldap.example.org");
        assertThat(ldap.userDnPattern()).contains("uid={0},ou=people,dc=example,dc=org");
        assertThat(ldap.searchesUsers()).isFalse();
        assertThat(ldap.bindDn()).isEmpty();
        assertThat(ldap.bindPassword()).isEmpty();
        assertThat(ldap.userSearchFilter()).isEqualTo("(uid={0})");
        assertThat(ldap.groupSearchBase()).isEmpty();
        assertThat(ldap.groupSearchFilter()).isEqualTo("(|(member={dn})(memberUid={0}))");
        assertThat(ldap.groupNameAttribute()).isEqualTo("cn");
        assertThat(ldap.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ldap.responseTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ldap.poolSize()).isEqualTo(4);
        assertThat(ldap.userNameAttribute()).isEmpty();
        assertThat(ldap.startTls()).isFalse();
        assertThat(ldap.caCertificates()).isEmpty();
    }

    @Test
    void ldapSearchBindKeysWithThePasswordFromTheEnvironment() throws Exception {
        LdapConfig ldap = load(Map.of("HEARTH_AUTH_LDAP_BIND_PASSWORD", "s3cret"), """
                        auth.ldap.url = ldaps://dc1.corp.example.com:636  ldaps://dc2.corp.example.com:636
                        auth.ldap.bind-dn = CN=svc-hearth,OU=Service Accounts,DC=corp,DC=example,DC=com
                        auth.ldap.user-search-base = OU=Users,DC=corp,DC=example,DC=com
                        auth.ldap.user-search-filter = (&(objectClass=user)(sAMAccountName={0}))
                        auth.ldap.group-search-base = OU=Groups,DC=corp,DC=example,DC=com
                        auth.ldap.group-search-filter = (member:1.2.840.113556.1.4.1941:={dn})
                        auth.ldap.group-name-attribute = name
                        auth.ldap.connect-timeout = 2s
                        auth.ldap.response-timeout = 3s
                        auth.ldap.pool-size = 8
                        auth.ldap.user-name-attribute = sAMAccountName
                        auth.ldap.ca-certificates = /etc/hearth/corp-ca.pem
                        """)
                .ldap()
                .orElseThrow();

        assertThat(ldap.urls()).containsExactly("ldaps://dc1.corp.example.com:636", "ldaps://dc2.corp.example.com:636");
        assertThat(ldap.searchesUsers()).isTrue();
        assertThat(ldap.bindPassword()).contains("s3cret");
        assertThat(ldap.userSearchFilter()).isEqualTo("(&(objectClass=user)(sAMAccountName={0}))");
        assertThat(ldap.groupSearchFilter()).isEqualTo("(member:1.2.840.113556.1.4.1941:={dn})");
        assertThat(ldap.groupNameAttribute()).isEqualTo("name");
        assertThat(ldap.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ldap.responseTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ldap.poolSize()).isEqualTo(8);
        assertThat(ldap.userNameAttribute()).contains("sAMAccountName");
        assertThat(ldap.caCertificates()).contains(Path.of("/etc/hearth/corp-ca.pem"));
        assertThat(ldap.toString()).doesNotContain("s3cret");
    }

    @Test
    void incompleteLdapSettingsStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of(), "auth.ldap.user-dn-pattern = uid={0},dc=org\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.ldap.url");
        assertThatThrownBy(() -> load(Map.of(), "auth.ldap.url = ldap://x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user-dn-pattern");
        assertThatThrownBy(() -> load(Map.of(), """
                        auth.ldap.url = ldap://x
                        auth.ldap.user-dn-pattern = uid=alice,dc=org
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.ldap.user-dn-pattern");
        assertThatThrownBy(() -> load(Map.of(), """
                        auth.ldap.url = ldap://x
                        auth.ldap.user-dn-pattern = uid={0},dc=org
                        auth.ldap.pool-size = many
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.ldap.pool-size");
        assertThatThrownBy(() -> load(Map.of(), """
                        auth.ldap.url = ldaps://x
                        auth.ldap.user-dn-pattern = uid={0},dc=org
                        auth.ldap.start-tls = true
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.ldap.start-tls");
        assertThatThrownBy(() -> load(Map.of(), """
                        auth.ldap.url = ldap://x
                        auth.ldap.user-dn-pattern = uid={0},dc=org
                        auth.ldap.ca-certificates = /etc/ca.pem
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.ldap.ca-certificates");
        assertThatThrownBy(() -> load(Map.of(), "auth.ldap.bind-passwd = x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.ldap.bind-passwd");
    }

    @Test
    void aWrongBindPasswordIsNeverPrintedInMessages() {
        assertThatThrownBy(() -> load(Map.of(), """
                        auth.ldap.url = ldap://x
                        auth.ldap.user-search-base = dc=org
                        auth.ldap.bind-password = s3cret
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.ldap.bind-dn")
                .message()
                .doesNotContain("s3cret");
    }

    @Test
    void jwtDefaultsArePinned() throws Exception {
        JwtConfig jwt = load(Map.of(), """
                        auth.jwt.issuer = https://id.example.org/realms/hearth
                        auth.jwt.audience = hearth
                        auth.jwt.jwks-url = https://id.example.org/realms/hearth/protocol/openid-connect/certs
                        """).jwt().orElseThrow();

        assertThat(jwt.issuer()).isEqualTo("https://id.example.org/realms/hearth");
        assertThat(jwt.audience()).isEqualTo("hearth");
        assertThat(jwt.jwksUrl())
                .contains(URI.create("https://id.example.org/realms/hearth/protocol/openid-connect/certs"));
        assertThat(jwt.jwksFile()).isEmpty();
        assertThat(jwt.userClaim()).isEqualTo("sub");
        assertThat(jwt.groupsClaim()).isEqualTo("groups");
        assertThat(jwt.algorithms()).containsExactly("RS256", "ES256");
        assertThat(jwt.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(jwt.jwksCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(jwt.jwksTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jwtKeys() throws Exception {
        JwtConfig jwt = load(Map.of("HEARTH_AUTH_JWT_AUDIENCE", "hearth-prod"), """
                        auth.jwt.issuer = https://id.example.org
                        auth.jwt.audience = hearth
                        auth.jwt.jwks-file = /etc/hearth/jwks.json
                        auth.jwt.user-claim = preferred_username
                        auth.jwt.groups-claim = realm_access.roles
                        auth.jwt.algorithms = ES384, PS256
                        auth.jwt.clock-skew = 0s
                        auth.jwt.jwks-cache-ttl = 1h
                        auth.jwt.jwks-timeout = 2s
                        """)
                .jwt()
                .orElseThrow();

        assertThat(jwt.audience()).isEqualTo("hearth-prod");
        assertThat(jwt.jwksFile()).contains(Path.of("/etc/hearth/jwks.json"));
        assertThat(jwt.userClaim()).isEqualTo("preferred_username");
        assertThat(jwt.groupsClaim()).isEqualTo("realm_access.roles");
        assertThat(jwt.algorithms()).isEqualTo(List.of("ES384", "PS256"));
        assertThat(jwt.clockSkew()).isZero();
        assertThat(jwt.jwksCacheTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(jwt.jwksTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void incompleteOrUnsafeJwtSettingsStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of(), "auth.jwt.audience = hearth\nauth.jwt.jwks-file = /k.json\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.jwt.issuer");
        assertThatThrownBy(() -> load(Map.of(), "auth.jwt.issuer = https://id\nauth.jwt.jwks-file = /k.json\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.jwt.audience");
        assertThatThrownBy(() -> load(Map.of(), "auth.jwt.issuer = https://id\nauth.jwt.audience = hearth\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jwks-url or jwks-file");
        assertThatThrownBy(() -> load(Map.of(), """
                        auth.jwt.issuer = https://id
                        auth.jwt.audience = hearth
                        auth.jwt.jwks-file = /k.json
                        auth.jwt.algorithms = RS256, HS256
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.jwt.algorithms")
                .hasMessageContaining("HS256");
        assertThatThrownBy(() -> load(Map.of(), """
                        auth.jwt.issuer = https://id
                        auth.jwt.audience = hearth
                        auth.jwt.jwks-url = https://id/certs with spaces
                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.jwt.jwks-url");
    }
}
