package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LdapMethod over TLS, ldaps:// and StartTLS, against an in-memory directory whose certificate
 * (self-signed, for 127.0.0.1 only) the test generates and trusts through {@code
 * auth.ldap.ca-certificates}.
 */
class LdapTlsTest {
    private static final String BASE = "dc=example,dc=org";
    private static final String PEOPLE = "ou=people," + BASE;
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path directoryFiles;

    private static Path certificate;
    private static InMemoryDirectoryServer directory;

    @BeforeAll
    static void startDirectory() throws Exception {
        Path keyStore = directoryFiles.resolve("server.p12");
        certificate = directoryFiles.resolve("server.pem");
        manageCertificates(
                "generate-self-signed-certificate",
                "--keystore",
                keyStore.toString(),
                "--keystore-password",
                PASSWORD,
                "--keystore-type",
                "PKCS12",
                "--alias",
                "server",
                "--subject-dn",
                "CN=hearth-test-directory",
                "--subject-alternative-name-ip-address",
                "127.0.0.1",
                "--days-valid",
                "2");
        manageCertificates(
                "export-certificate",
                "--keystore",
                keyStore.toString(),
                "--keystore-password",
                PASSWORD,
                "--alias",
                "server",
                "--output-file",
                certificate.toString(),
                "--output-format",
                "PEM");
        SSLUtil serverTls = new SSLUtil(
                new KeyStoreKeyManager(keyStore.toFile(), PASSWORD.toCharArray(), "PKCS12", "server"),
                new TrustAllTrustManager());
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig(
                        "ldaps", null, 0, serverTls.createSSLServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig("starttls", null, 0, serverTls.createSSLSocketFactory()));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: " + BASE, "objectClass: domain", "dc: example");
        directory.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        directory.add(
                "dn: uid=alice," + PEOPLE,
                "objectClass: inetOrgPerson",
                "uid: alice",
                "cn: alice",
                "sn: alice",
                "userPassword: alice-secret");
        directory.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        directory.add(
                "dn: cn=analysts,ou=groups," + BASE,
                "objectClass: groupOfNames",
                "cn: analysts",
                "member: uid=alice," + PEOPLE);
        directory.startListening();
    }

    private static void manageCertificates(String... arguments) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ResultCode result = ManageCertificates.main(null, output, output, arguments);
        assertThat(result).as(output.toString(StandardCharsets.UTF_8)).isEqualTo(ResultCode.SUCCESS);
    }

    @AfterAll
    static void stopDirectory() {
        directory.shutDown(true);
    }

    private static LdapConfig config(String url, boolean startTls, Optional<Path> caCertificates) {
        return new LdapConfig(
                List.of(url),
                Optional.of("uid={0}," + PEOPLE),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                LdapConfig.DEFAULT_USER_SEARCH_FILTER,
                Optional.of("ou=groups," + BASE),
                LdapConfig.DEFAULT_GROUP_SEARCH_FILTER,
                "cn",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                1,
                Optional.empty(),
                startTls,
                caCertificates);
    }

    private static Optional<Principal> login(LdapConfig config) {
        try (LdapMethod method = new LdapMethod(config)) {
            return method.authenticate(new Credentials.Password("alice", "alice-secret"));
        }
    }

    private static String url(String scheme, String host, String listener) {
        return scheme + "://" + host + ":" + directory.getListenPort(listener);
    }

    @Test
    void bindsOverLdapsTrustingTheConfiguredCertificates() {
        assertThat(login(config(url("ldaps", "127.0.0.1", "ldaps"), false, Optional.of(certificate))))
                .contains(new Principal("alice", List.of("analysts")));
    }

    @Test
    void bindsAfterStartTls() {
        assertThat(login(config(url("ldap", "127.0.0.1", "starttls"), true, Optional.of(certificate))))
                .contains(new Principal("alice", List.of("analysts")));
    }

    @Test
    void refusesToTalkToADirectoryWhoseCertificateIsNotTrusted() {
        assertThatThrownBy(() -> login(config(url("ldaps", "127.0.0.1", "ldaps"), false, Optional.empty())))
                .isInstanceOf(AuthUnavailableException.class)
                .hasMessageContaining("PKIX path building failed");
        assertThatThrownBy(() -> login(config(url("ldap", "127.0.0.1", "starttls"), true, Optional.empty())))
                .isInstanceOf(AuthUnavailableException.class);
    }

    @Test
    void refusesACertificateForAnotherHost() {
        // the certificate names 127.0.0.1 only
        assertThatThrownBy(() -> login(config(url("ldaps", "localhost", "ldaps"), false, Optional.of(certificate))))
                .isInstanceOf(AuthUnavailableException.class)
                .hasMessageContaining("Hostname verification failed");
        assertThatThrownBy(() -> login(config(url("ldap", "localhost", "starttls"), true, Optional.of(certificate))))
                .isInstanceOf(AuthUnavailableException.class);
    }
}
