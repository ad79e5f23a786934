package io.hearth.server.auth;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import io.hearth.server.TestingHearth;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway with {@code auth.methods=ldap,jwt,token}: LDAP logins against a real directory server
 * (UnboundID's in-memory one, over LDAP), bearer JWTs signed by a key the test made, and both
 * mapped to roles by the chain (an LDAP group and a JWT group claim in {@code auth.admin-groups}).
 */
class DirectoryAndJwtAuthApiTest {
    private static final String BASE = "dc=example,dc=org";
    private static final String PEOPLE = "ou=people," + BASE;
    private static final String GROUPS = "ou=groups," + BASE;
    private static final String ISSUER = "https://idp.example.org/realms/analytics";
    private static final String STATEMENT = "{\"statement\": \"select 1\", \"wait_timeout\": \"5s\"}";

    @TempDir
    static Path dataDirectory;

    private static InMemoryDirectoryServer directory;
    private static RSAKey key;
    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        config.setSchema(null);
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: " + BASE, "objectClass: domain", "dc: example");
        directory.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
        for (String user : List.of("alice", "olga")) {
            directory.add(
                    "dn: uid=" + user + "," + PEOPLE,
                    "objectClass: inetOrgPerson",
                    "uid: " + user,
                    "cn: " + user,
                    "sn: " + user,
                    "userPassword: " + user + "-secret");
        }
        directory.add(
                "dn: cn=operators," + GROUPS,
                "objectClass: groupOfNames",
                "cn: operators",
                "member: uid=olga," + PEOPLE);
        directory.startListening();

        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = dataDirectory.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(key).toPublicJWKSet().toString(), StandardCharsets.UTF_8);

        hearth = TestingHearth.start(
                dataDirectory,
                Map.of(
                        "auth.methods",
                        "ldap,jwt,token",
                        "auth.admin-groups",
                        "operators",
                        "auth.ldap.url",
                        "ldap://127.0.0.1:" + directory.getListenPort(),
                        "auth.ldap.user-dn-pattern",
                        "uid={0}," + PEOPLE,
                        "auth.ldap.group-search-base",
                        GROUPS,
                        "auth.jwt.issuer",
                        ISSUER,
                        "auth.jwt.audience",
                        "hearth",
                        "auth.jwt.jwks-file",
                        jwks.toString()));
    }

    @AfterAll
    static void stop() {
        if (hearth != null) {
            hearth.close();
        }
        directory.shutDown(true);
    }

    @Test
    void aDirectoryUserRunsStatementsAsThemselves() {
        HttpResponse<String> answer = hearth.as("alice", "alice-secret").post("/v1/statements", STATEMENT);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String id = json(answer.body()).get("statement_id").asText();
        assertThat(hearth.as("alice", "alice-secret")
                        .get("/v1/statements/" + id)
                        .statusCode())
                .isEqualTo(200);
        assertThat(hearth.as("alice", "wrong").get("/v1/statements/" + id).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aJwtActsAsItsSubjectAndSeesOnlyItsOwnWork() throws Exception {
        String aliceToken = jwt("alice", List.of(), Instant.now().plusSeconds(300));
        String carolToken = jwt("carol", List.of(), Instant.now().plusSeconds(300));
        String id = json(hearth.withToken(aliceToken)
                        .post("/v1/statements", STATEMENT)
                        .body())
                .get("statement_id")
                .asText();

        // the same subject through another method is the same owner
        assertThat(hearth.as("alice", "alice-secret")
                        .get("/v1/statements/" + id)
                        .statusCode())
                .isEqualTo(200);
        assertThat(hearth.withToken(carolToken).get("/v1/statements/" + id).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anExpiredOrForeignJwtIsRefused() throws Exception {
        String expired = jwt("alice", List.of(), Instant.now().minusSeconds(600));
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        String forged = sign(other, claims("alice", List.of(), Instant.now().plusSeconds(300)));

        HttpResponse<String> expiredAnswer = hearth.withToken(expired).get("/v1/statements");
        assertThat(expiredAnswer.statusCode()).isEqualTo(401);
        assertThat(expiredAnswer.headers().allValues("WWW-Authenticate"))
                .anySatisfy(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(hearth.withToken(forged).get("/v1/statements").statusCode()).isEqualTo(401);
    }

    @Test
    void adminGroupsFromTheDirectoryAndFromTokenClaimsBothMakeAdmins() throws Exception {
        String id = json(hearth.as("alice", "alice-secret")
                        .post("/v1/statements", STATEMENT)
                        .body())
                .get("statement_id")
                .asText();
        String operatorToken = jwt("dave", List.of("operators"), Instant.now().plusSeconds(300));

        assertThat(hearth.as("olga", "olga-secret").get("/v1/statements/" + id).statusCode())
                .isEqualTo(200);
        assertThat(hearth.withToken(operatorToken).get("/v1/statements/" + id).statusCode())
                .isEqualTo(200);
    }

    private static String jwt(String subject, List<String> groups, Instant expiry) throws Exception {
        return sign(key, claims(subject, groups, expiry));
    }

    private static JWTClaimsSet claims(String subject, List<String> groups, Instant expiry) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("hearth")
                .subject(subject)
                .claim("groups", groups)
                .issueTime(Date.from(Instant.now().minusSeconds(1200)))
                .expirationTime(Date.from(expiry))
                .build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }
}
