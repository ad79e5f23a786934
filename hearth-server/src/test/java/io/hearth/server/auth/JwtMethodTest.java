package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JwtMethod with tokens signed by keys the test generates, keys served from a file and over HTTP. */
class JwtMethodTest {
    private static final String ISSUER = "https://id.example.org/realms/hearth";
    private static final String AUDIENCE = "hearth";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static RSAKey rsa;
    private static RSAKey otherRsa;
    private static ECKey ec;

    @TempDir
    Path directory;

    private HttpServer jwksServer;

    @BeforeAll
    static void generateKeys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    @AfterEach
    void stopServer() {
        if (jwksServer != null) {
            jwksServer.stop(0);
        }
    }

    private Path jwksFile(JWK... keys) throws IOException {
        Path file = directory.resolve("jwks.json");
        Files.writeString(file, new JWKSet(List.of(keys)).toPublicJWKSet().toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static JwtConfig config(Optional<URI> url, Optional<Path> file, String userClaim, String groupsClaim) {
        return new JwtConfig(
                ISSUER,
                AUDIENCE,
                url,
                file,
                userClaim,
                groupsClaim,
                JwtConfig.DEFAULT_ALGORITHMS,
                JwtConfig.DEFAULT_CLOCK_SKEW,
                JwtConfig.DEFAULT_JWKS_CACHE_TTL,
                Duration.ofSeconds(2));
    }

    private JwtMethod fromFile(JWK... keys) throws IOException {
        return new JwtMethod(config(Optional.empty(), Optional.of(jwksFile(keys)), "sub", "groups"), CLOCK);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "account"))
                .subject("alice")
                .issueTime(Date.from(NOW.minusSeconds(10)))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))))
                .claim("groups", List.of("engineers", "analysts"));
    }

    private static Credentials.Token sign(JWK key, JWTClaimsSet claims) throws Exception {
        return sign(key, claims, UnaryOperator.identity());
    }

    private static Credentials.Token sign(JWK key, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header)
            throws Exception {
        JWSAlgorithm algorithm = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        JWSSigner signer = key instanceof ECKey ecKey ? new ECDSASigner(ecKey) : new RSASSASigner((RSAKey) key);
        SignedJWT jwt = new SignedJWT(
                header.apply(new JWSHeader.Builder(algorithm)
                                .keyID(key.getKeyID())
                                .type(JOSEObjectType.JWT))
                        .build(),
                claims);
        jwt.sign(signer);
        return new Credentials.Token(jwt.serialize());
    }

    @Test
    void acceptsAValidRsaTokenWithItsGroupsInOrder() throws Exception {
        JwtMethod method = fromFile(rsa, ec);

        assertThat(method.authenticate(sign(rsa, claims().build())))
                .contains(new Principal("alice", List.of("engineers", "analysts")));
    }

    @Test
    void acceptsAValidEcToken() throws Exception {
        JwtMethod method = fromFile(rsa, ec);

        assertThat(method.authenticate(
                        sign(ec, claims().claim("groups", "analysts").build())))
                .contains(new Principal("alice", List.of("analysts")));
    }

    @Test
    void takesUserAndGroupsFromConfiguredAndNestedClaims() throws Exception {
        JwtMethod method = new JwtMethod(
                config(Optional.empty(), Optional.of(jwksFile(rsa)), "preferred_username", "realm_access.roles"),
                CLOCK);
        JWTClaimsSet claims = claims().subject("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
                .claim("preferred_username", "bob")
                .claim("realm_access", Map.of("roles", List.of("hearth-admins", "offline_access")))
                .build();

        assertThat(method.authenticate(sign(rsa, claims)))
                .contains(new Principal("bob", List.of("hearth-admins", "offline_access")));
        assertThat(method.authenticate(sign(rsa, claims().build()))).isEmpty();
    }

    @Test
    void aTokenWithoutGroupsHasNone() throws Exception {
        JwtMethod method = fromFile(rsa);

        assertThat(method.authenticate(sign(rsa, claims().claim("groups", null).build())))
                .contains(new Principal("alice", List.of()));
    }

    @Test
    void refusesAnExpiredTokenBeyondTheClockSkew() throws Exception {
        JwtMethod method = fromFile(rsa);

        assertThat(method.authenticate(sign(
                        rsa,
                        claims().expirationTime(Date.from(NOW.minusSeconds(120)))
                                .build())))
                .isEmpty();
        assertThat(method.authenticate(sign(
                        rsa,
                        claims().expirationTime(Date.from(NOW.minusSeconds(30))).build())))
                .isPresent();
    }

    @Test
    void refusesATokenWithoutExpiryOrNotYetValid() throws Exception {
        JwtMethod method = fromFile(rsa);

        assertThat(method.authenticate(sign(rsa, claims().expirationTime(null).build())))
                .isEmpty();
        assertThat(method.authenticate(sign(
                        rsa,
                        claims().notBeforeTime(Date.from(NOW.plusSeconds(300))).build())))
                .isEmpty();
    }

    @Test
    void refusesAWrongIssuerOrAudience() throws Exception {
        JwtMethod method = fromFile(rsa);

        assertThat(method.authenticate(
                        sign(rsa, claims().issuer("https://evil.example.org").build())))
                .isEmpty();
        assertThat(method.authenticate(sign(rsa, claims().issuer(null).build())))
                .isEmpty();
        assertThat(method.authenticate(
                        sign(rsa, claims().audience("another-service").build())))
                .isEmpty();
        assertThat(method.authenticate(
                        sign(rsa, claims().audience((String) null).build())))
                .isEmpty();
    }

    @Test
    void refusesASignatureByAnotherKey() throws Exception {
        JwtMethod method = fromFile(rsa);

        assertThat(method.authenticate(sign(otherRsa, claims().build()))).isEmpty();
        Credentials.Token valid = sign(rsa, claims().build());
        String[] parts = valid.token().split("\\.");
        String tampered =
                parts[0] + "." + claims().subject("root").build().toPayload().toBase64URL() + "." + parts[2];
        assertThat(method.authenticate(new Credentials.Token(tampered))).isEmpty();
    }

    @Test
    void ignoresKeysTheTokenBringsAlong() throws Exception {
        JwtMethod method = fromFile(rsa);

        Credentials.Token embedded = sign(otherRsa, claims().build(), header -> header.jwk(otherRsa.toPublicJWK()));
        Credentials.Token linked =
                sign(otherRsa, claims().build(), header -> header.jwkURL(URI.create("https://evil.example.org/jwks")));

        assertThat(method.authenticate(embedded)).isEmpty();
        assertThat(method.authenticate(linked)).isEmpty();
    }

    @Test
    void refusesAnUnsignedToken() throws Exception {
        JwtMethod method = fromFile(rsa);
        Credentials.Token unsigned = new Credentials.Token(new PlainJWT(claims().build()).serialize());

        assertThat(method.accepts(unsigned)).isTrue();
        assertThat(method.authenticate(unsigned)).isEmpty();
    }

    @Test
    void refusesAnHmacTokenKeyedWithThePublicKey() throws Exception {
        JwtMethod method = fromFile(rsa);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        jwt.sign(new MACSigner(rsa.toRSAPublicKey().getEncoded()));

        assertThat(method.authenticate(new Credentials.Token(jwt.serialize()))).isEmpty();
    }

    @Test
    void refusesAnAlgorithmThatIsNotConfigured() throws Exception {
        JwtMethod method = new JwtMethod(
                new JwtConfig(
                        ISSUER,
                        AUDIENCE,
                        Optional.empty(),
                        Optional.of(jwksFile(rsa, ec)),
                        "sub",
                        "groups",
                        List.of("ES256"),
                        JwtConfig.DEFAULT_CLOCK_SKEW,
                        JwtConfig.DEFAULT_JWKS_CACHE_TTL,
                        JwtConfig.DEFAULT_JWKS_TIMEOUT),
                CLOCK);

        assertThat(method.authenticate(sign(rsa, claims().build()))).isEmpty();
        assertThat(method.authenticate(sign(ec, claims().build()))).isPresent();
    }

    @Test
    void leavesTokensThatAreNoJwtToTheNextMethod() throws Exception {
        JwtMethod method = fromFile(rsa);

        assertThat(method.name()).isEqualTo("jwt");
        for (String token : List.of("hrt_3f9a0c2b7d", "a.b", "a.b.c.d", "not a jwt.x.y", "")) {
            assertThat(method.accepts(new Credentials.Token(token))).as(token).isFalse();
            assertThat(method.authenticate(new Credentials.Token(token)))
                    .as(token)
                    .isEmpty();
        }
        assertThat(method.accepts(new Credentials.Password("alice", "x"))).isFalse();
        assertThat(method.authenticate(new Credentials.Password("alice", "x"))).isEmpty();
        assertThat(method.authenticate(new Credentials.Token("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")))
                .isEmpty();
    }

    @Test
    void rereadsTheJwksFileWhenKeysRotate() throws Exception {
        JwtMethod method = fromFile(rsa);
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        assertThat(method.authenticate(sign(rotated, claims().build()))).isEmpty();

        jwksFile(rsa, rotated);

        assertThat(method.authenticate(sign(rotated, claims().build()))).isPresent();
        assertThat(method.authenticate(sign(rsa, claims().build()))).isPresent();
    }

    @Test
    void answersUnavailableWhenTheJwksFileGoesAway() throws Exception {
        JwtMethod method = fromFile(rsa);
        Files.delete(directory.resolve("jwks.json"));

        assertThatThrownBy(() -> method.authenticate(sign(rsa, claims().build())))
                .isInstanceOf(AuthUnavailableException.class);
    }

    @Test
    void refusesToStartWithAMissingJwksFile() {
        assertThatThrownBy(() -> new JwtMethod(
                        config(Optional.empty(), Optional.of(directory.resolve("none.json")), "sub", "groups"), CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth.jwt.jwks-file");
    }

    @Test
    void fetchesKeysOverHttpAndRefetchesWhenAnUnknownKeyIdArrives() throws Exception {
        AtomicReference<String> keys =
                new AtomicReference<>(new JWKSet(rsa).toPublicJWKSet().toString());
        AtomicInteger fetches = new AtomicInteger();
        URI url = serveJwks(keys, fetches, 200);
        try (JwtMethod method = new JwtMethod(config(Optional.of(url), Optional.empty(), "sub", "groups"), CLOCK)) {
            assertThat(method.authenticate(sign(rsa, claims().build()))).isPresent();
            assertThat(method.authenticate(sign(rsa, claims().subject("bob").build())))
                    .contains(new Principal("bob", List.of("engineers", "analysts")));
            assertThat(fetches).hasValue(1);

            RSAKey rotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
            keys.set(new JWKSet(List.of(rotated, ec)).toPublicJWKSet().toString());

            assertThat(method.authenticate(sign(rotated, claims().build())))
                    .contains(new Principal("alice", List.of("engineers", "analysts")));
            assertThat(method.authenticate(sign(ec, claims().build()))).isPresent();
            assertThat(fetches).hasValue(2);
        }
    }

    @Test
    void answersUnavailableWhenTheJwksUrlDoesNotAnswer() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (JwtMethod method = new JwtMethod(
                config(
                        Optional.of(URI.create("http://127.0.0.1:" + port + "/certs")),
                        Optional.empty(),
                        "sub",
                        "groups"),
                CLOCK)) {
            assertThatThrownBy(() -> method.authenticate(sign(rsa, claims().build())))
                    .isInstanceOf(AuthUnavailableException.class)
                    .hasMessageContaining("/certs");
        }
    }

    @Test
    void answersUnavailableWhenTheJwksUrlFails() throws Exception {
        URI url = serveJwks(new AtomicReference<>("oops"), new AtomicInteger(), 503);
        try (JwtMethod method = new JwtMethod(config(Optional.of(url), Optional.empty(), "sub", "groups"), CLOCK)) {
            assertThatThrownBy(() -> method.authenticate(sign(rsa, claims().build())))
                    .isInstanceOf(AuthUnavailableException.class);
        }
    }

    @Test
    void configRefusesSymmetricAndUnsignedAlgorithms() {
        for (String algorithm : List.of("HS256", "none")) {
            assertThatThrownBy(() -> new JwtConfig(
                            ISSUER,
                            AUDIENCE,
                            Optional.of(URI.create("https://id.example.org/certs")),
                            Optional.empty(),
                            "sub",
                            "groups",
                            List.of("RS256", algorithm),
                            JwtConfig.DEFAULT_CLOCK_SKEW,
                            JwtConfig.DEFAULT_JWKS_CACHE_TTL,
                            JwtConfig.DEFAULT_JWKS_TIMEOUT))
                    .hasMessageContaining("auth.jwt.algorithms")
                    .hasMessageContaining(algorithm);
        }
    }

    @Test
    void configNeedsExactlyOneKeySource() {
        assertThatThrownBy(() -> config(Optional.empty(), Optional.empty(), "sub", "groups"))
                .hasMessageContaining("exactly one of jwks-url or jwks-file");
        assertThatThrownBy(() -> config(
                        Optional.of(URI.create("https://id.example.org/certs")),
                        Optional.of(Path.of("jwks.json")),
                        "sub",
                        "groups"))
                .hasMessageContaining("exactly one of jwks-url or jwks-file");
        assertThatThrownBy(() -> config(Optional.of(URI.create("file:///etc/jwks.json")), Optional.empty(), "sub", "g"))
                .hasMessageContaining("auth.jwt.jwks-url");
    }

    private URI serveJwks(AtomicReference<String> keys, AtomicInteger fetches, int status) throws IOException {
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/realms/hearth/protocol/openid-connect/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = keys.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwksServer.start();
        return URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort()
                + "/realms/hearth/protocol/openid-connect/certs");
    }
}
