package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LdapMethod against a real directory server (UnboundID's in-memory one) over the LDAP protocol. */
class LdapMethodTest {
    private static final String BASE = "dc=example,dc=org";
    private static final String PEOPLE = "ou=people," + BASE;
    private static final String GROUPS = "ou=groups," + BASE;
    private static final String SERVICE_DN = "cn=hearth,ou=services," + BASE;
    private static final String SERVICE_PASSWORD = "service-secret";

    private InMemoryDirectoryServer directory;
    private LdapMethod method;

    @BeforeEach
    void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        // no schema: the built-in one lacks RFC 2307's posixGroup and memberUid
        config.setSchema(null);
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
        directory.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
        directory.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
        person("alice", "alice-secret");
        person("bob", "bob-secret");
        person("smith, john", "john-secret");
        directory.add(
                "dn: " + SERVICE_DN,
                "objectClass: person",
                "cn: hearth",
                "sn: service",
                "userPassword: " + SERVICE_PASSWORD);
        directory.add(
                "dn: cn=engineers," + GROUPS,
                "objectClass: groupOfNames",
                "cn: engineers",
                "member: uid=bob," + PEOPLE,
                "member: uid=alice," + PEOPLE);
        directory.add(
                "dn: cn=analysts," + GROUPS,
                "objectClass: groupOfNames",
                "cn: analysts",
                "member: uid=alice," + PEOPLE);
        directory.add(
                "dn: cn=posix-users," + GROUPS,
                "objectClass: posixGroup",
                "cn: posix-users",
                "gidNumber: 5000",
                "memberUid: alice");
        directory.add("dn: cn=admins," + GROUPS, "objectClass: groupOfNames", "cn: admins", "member: " + SERVICE_DN);
        directory.startListening();
    }

    private void person(String uid, String password) throws Exception {
        directory.add(
                "dn: uid=" + LdapMethod.escapeDnValue(uid) + "," + PEOPLE,
                "objectClass: inetOrgPerson",
                "uid: " + uid,
                "cn: " + uid,
                "sn: " + uid,
                "userPassword: " + password);
    }

    @AfterEach
    void stop() {
        if (method != null) {
            method.close();
        }
        directory.shutDown(true);
    }

    private String url() {
        return "ldap://127.0.0.1:" + directory.getListenPort();
    }

    private static LdapConfig dnPattern(List<String> urls) {
        return new LdapConfig(
                urls,
                Optional.of("uid={0}," + PEOPLE),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                LdapConfig.DEFAULT_USER_SEARCH_FILTER,
                Optional.of(GROUPS),
                LdapConfig.DEFAULT_GROUP_SEARCH_FILTER,
                "cn",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                2,
                Optional.empty(),
                false,
                Optional.empty());
    }

    private static LdapConfig searchBind(String url, Optional<String> bindDn, Optional<String> bindPassword) {
        return new LdapConfig(
                List.of(url),
                Optional.empty(),
                bindDn,
                bindPassword,
                Optional.of(PEOPLE),
                "(&(objectClass=inetOrgPerson)(uid={0}))",
                Optional.of(GROUPS),
                LdapConfig.DEFAULT_GROUP_SEARCH_FILTER,
                "cn",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                2,
                Optional.empty(),
                false,
                Optional.empty());
    }

    private LdapMethod serviceAccountSearch() {
        return new LdapMethod(searchBind(url(), Optional.of(SERVICE_DN), Optional.of(SERVICE_PASSWORD)));
    }

    private static Credentials password(String user, String password) {
        return new Credentials.Password(user, password);
    }

    @Test
    void bindsByDnPatternAndFindsGroupsByMemberAndMemberUid() {
        method = new LdapMethod(dnPattern(List.of(url())));

        assertThat(method.authenticate(password("alice", "alice-secret")))
                .contains(new Principal("alice", List.of("analysts", "engineers", "posix-users")));
        assertThat(method.authenticate(password("bob", "bob-secret")))
                .contains(new Principal("bob", List.of("engineers")));
    }

    @Test
    void searchesThenBindsWithAServiceAccount() {
        method = serviceAccountSearch();

        assertThat(method.authenticate(password("alice", "alice-secret")))
                .contains(new Principal("alice", List.of("analysts", "engineers", "posix-users")));
    }

    @Test
    void searchesAnonymouslyWithoutABindDn() {
        method = new LdapMethod(searchBind(url(), Optional.empty(), Optional.empty()));

        assertThat(method.authenticate(password("bob", "bob-secret")))
                .contains(new Principal("bob", List.of("engineers")));
    }

    @Test
    void namesThePrincipalByTheEntrysAttributeWhenConfigured() {
        LdapConfig pattern = dnPattern(List.of(url()));
        method = new LdapMethod(withUserNameAttribute(pattern, "uid"));
        // the directory matches names regardless of case; the owner of the work must not
        assertThat(method.authenticate(password("ALICE", "alice-secret")))
                .contains(new Principal("alice", List.of("analysts", "engineers", "posix-users")));
        method.close();

        method = new LdapMethod(withUserNameAttribute(
                searchBind(url(), Optional.of(SERVICE_DN), Optional.of(SERVICE_PASSWORD)), "uid"));
        assertThat(method.authenticate(password("Bob", "bob-secret")))
                .contains(new Principal("bob", List.of("engineers")));
        method.close();

        method = new LdapMethod(withUserNameAttribute(pattern, "employeeNumber"));
        assertThat(method.authenticate(password("alice", "alice-secret"))).isEmpty();
    }

    private static LdapConfig withUserNameAttribute(LdapConfig config, String attribute) {
        return new LdapConfig(
                config.urls(),
                config.userDnPattern(),
                config.bindDn(),
                config.bindPassword(),
                config.userSearchBase(),
                config.userSearchFilter(),
                config.groupSearchBase(),
                config.groupSearchFilter(),
                config.groupNameAttribute(),
                config.connectTimeout(),
                config.responseTimeout(),
                config.poolSize(),
                Optional.of(attribute),
                config.startTls(),
                config.caCertificates());
    }

    @Test
    void refusesAWrongPasswordInBothModes() {
        method = new LdapMethod(dnPattern(List.of(url())));
        assertThat(method.authenticate(password("alice", "bob-secret"))).isEmpty();
        method.close();

        method = serviceAccountSearch();
        assertThat(method.authenticate(password("alice", "bob-secret"))).isEmpty();
    }

    @Test
    void refusesAnUnknownUserInBothModes() {
        method = new LdapMethod(dnPattern(List.of(url())));
        assertThat(method.authenticate(password("mallory", "alice-secret"))).isEmpty();
        method.close();

        method = serviceAccountSearch();
        assertThat(method.authenticate(password("mallory", "alice-secret"))).isEmpty();
    }

    @Test
    void refusesAnEmptyPasswordThatTheDirectoryWouldTakeAsAnAnonymousBind() {
        method = new LdapMethod(dnPattern(List.of(url())));
        assertThat(method.authenticate(password("alice", ""))).isEmpty();
        method.close();

        method = serviceAccountSearch();
        assertThat(method.authenticate(password("alice", ""))).isEmpty();
        assertThat(method.authenticate(password("", "alice-secret"))).isEmpty();
    }

    @Test
    void escapesFilterInjectionInTheUserSearch() {
        method = serviceAccountSearch();

        // unescaped, (uid=ali*) would find alice and the bind with her password would log in "ali*"
        assertThat(method.authenticate(password("ali*", "alice-secret"))).isEmpty();
        assertThat(method.authenticate(password("*)(uid=*", "alice-secret"))).isEmpty();
        assertThat(method.authenticate(password("*", "alice-secret"))).isEmpty();
        assertThat(method.authenticate(password("alice)(|(uid=*", "alice-secret")))
                .isEmpty();
    }

    @Test
    void escapesTheLoginNameInTheDnPattern() {
        method = new LdapMethod(dnPattern(List.of(url())));

        assertThat(method.authenticate(password("*)(uid=*", "alice-secret"))).isEmpty();
        assertThat(method.authenticate(password("alice,ou=people", "alice-secret")))
                .isEmpty();
        // a comma in a real name is a value, not an RDN separator
        assertThat(method.authenticate(password("smith, john", "john-secret")))
                .contains(new Principal("smith, john", List.of()));
    }

    @Test
    void escapesTheLoginNameInTheGroupFilter() {
        assertThat(LdapMethod.groupFilter("(|(member={dn})(memberUid={0}))", "*)(cn=*", "uid=x\\,y,dc=org"))
                .isEqualTo("(|(member=uid=x\\5c,y,dc=org)(memberUid=\\2a\\29\\28cn=\\2a))");
        assertThat(LdapMethod.groupFilter("(memberUid={0})", "{dn}", "uid=a")).isEqualTo("(memberUid={dn})");
    }

    @Test
    void answersUnavailableWhenTheServiceAccountCannotBind() {
        method = new LdapMethod(searchBind(url(), Optional.of(SERVICE_DN), Optional.of("wrong")));

        assertThatThrownBy(() -> method.authenticate(password("alice", "alice-secret")))
                .isInstanceOf(AuthUnavailableException.class);
    }

    @Test
    void answersUnavailableWhenNoDirectoryServerAnswers() throws IOException {
        String nobody = "ldap://127.0.0.1:" + freePort();

        method = new LdapMethod(dnPattern(List.of(nobody)));
        assertThatThrownBy(() -> method.authenticate(password("alice", "alice-secret")))
                .isInstanceOf(AuthUnavailableException.class)
                .hasMessageContaining(nobody);
        method.close();

        method = new LdapMethod(searchBind(nobody, Optional.of(SERVICE_DN), Optional.of(SERVICE_PASSWORD)));
        assertThatThrownBy(() -> method.authenticate(password("alice", "alice-secret")))
                .isInstanceOf(AuthUnavailableException.class);
    }

    @Test
    void answersUnavailableWhenTheDirectoryStopsAfterStartUp() {
        method = serviceAccountSearch();
        assertThat(method.authenticate(password("alice", "alice-secret"))).isPresent();

        directory.shutDown(true);

        assertThatThrownBy(() -> method.authenticate(password("alice", "alice-secret")))
                .isInstanceOf(AuthUnavailableException.class);
        // and a wrong password is not mistaken for an outage, nor an outage for a wrong password
        assertThatThrownBy(() -> method.authenticate(password("alice", "wrong")))
                .isInstanceOf(AuthUnavailableException.class);
    }

    @Test
    void failsOverToTheNextUrl() throws IOException {
        method = new LdapMethod(dnPattern(List.of("ldap://127.0.0.1:" + freePort(), url())));

        assertThat(method.authenticate(password("bob", "bob-secret")))
                .contains(new Principal("bob", List.of("engineers")));
    }

    @Test
    void acceptsPasswordsOnly() {
        method = new LdapMethod(dnPattern(List.of(url())));

        assertThat(method.name()).isEqualTo("ldap");
        assertThat(method.accepts(password("alice", "x"))).isTrue();
        assertThat(method.accepts(new Credentials.Token("a.b.c"))).isFalse();
        assertThat(method.authenticate(new Credentials.Token("a.b.c"))).isEmpty();
    }

    @Test
    void configToStringHidesTheBindPassword() {
        LdapConfig config = searchBind(url(), Optional.of(SERVICE_DN), Optional.of(SERVICE_PASSWORD));

        assertThat(config.toString()).doesNotContain(SERVICE_PASSWORD).contains(SERVICE_DN);
    }

    @Test
    void configRejectsInvalidSettingsNamingTheKey() {
        assertThatThrownBy(() -> new LdapConfig(
                        List.of("http://example.org"),
                        Optional.of("uid={0}," + PEOPLE),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        LdapConfig.DEFAULT_USER_SEARCH_FILTER,
                        Optional.empty(),
                        LdapConfig.DEFAULT_GROUP_SEARCH_FILTER,
                        "cn",
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1,
                        Optional.empty(),
                        false,
                        Optional.empty()))
                .hasMessageContaining("auth.ldap.url");
        assertThatThrownBy(() -> new LdapConfig(
                        List.of("ldap://localhost"),
                        Optional.of("uid={0}," + PEOPLE),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(PEOPLE),
                        LdapConfig.DEFAULT_USER_SEARCH_FILTER,
                        Optional.empty(),
                        LdapConfig.DEFAULT_GROUP_SEARCH_FILTER,
                        "cn",
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1,
                        Optional.empty(),
                        false,
                        Optional.empty()))
                .hasMessageContaining("exactly one of user-dn-pattern");
        assertThatThrownBy(() -> new LdapConfig(
                        List.of("ldap://localhost"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(PEOPLE),
                        "(uid=alice",
                        Optional.empty(),
                        LdapConfig.DEFAULT_GROUP_SEARCH_FILTER,
                        "cn",
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1,
                        Optional.empty(),
                        false,
                        Optional.empty()))
                .hasMessageContaining("auth.ldap.user-search-filter");
        assertThatThrownBy(() -> new LdapConfig(
                        List.of("ldap://localhost"),
                        Optional.empty(),
                        Optional.of(SERVICE_DN),
                        Optional.empty(),
                        Optional.of(PEOPLE),
                        LdapConfig.DEFAULT_USER_SEARCH_FILTER,
                        Optional.empty(),
                        LdapConfig.DEFAULT_GROUP_SEARCH_FILTER,
                        "cn",
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1,
                        Optional.empty(),
                        false,
                        Optional.empty()))
                .hasMessageContaining("auth.ldap.bind-password");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
