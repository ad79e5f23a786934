package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks bearer JWTs an identity provider (an OIDC provider such as Keycloak) issued: signature
 * with the issuer's public keys, {@code iss}, {@code aud}, {@code exp} (required) and {@code nbf}
 * within the clock skew. The user and groups come from configured claims; groups keep the claim's
 * order, so the first is the primary group.
 *
 * <p>Only tokens shaped like a JWT (three dot-separated base64url parts) are accepted; others are
 * left to the API-token method. Unsigned tokens ({@code alg: none}) and HMAC-signed ones are
 * refused, whatever their claims.
 */
public final class JwtMethod implements AuthMethod, AutoCloseable {
    /** The method's name in {@code auth.methods}. */
    public static final String NAME = "jwt";

    private static final Logger log = LoggerFactory.getLogger(JwtMethod.class);
    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final int JWKS_SIZE_LIMIT = 1024 * 1024;

    private final JwtConfig config;
    private final JWKSource<SecurityContext> keys;
    private final DefaultJWTProcessor<SecurityContext> processor;

    /** @param clock the time {@code exp} and {@code nbf} are checked against */
    public JwtMethod(JwtConfig config, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        requireNonNull(clock, "clock is null");
        Set<JWSAlgorithm> algorithms =
                config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
        keys = keySource(config);
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        // plain "JWT" or none, as ID and access tokens carry; RFC 9068 access tokens say at+jwt
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        config.audience(),
                        new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
                        Set.of(JWTClaimNames.EXPIRATION_TIME)) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew(
                (int) Math.min(Integer.MAX_VALUE, config.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(Credentials credentials) {
        return credentials instanceof Credentials.Token token
                && JWT_SHAPE.matcher(token.token()).matches();
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        if (!accepts(credentials)) {
            return Optional.empty();
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(((Credentials.Token) credentials).token(), null);
        } catch (KeySourceException e) {
            throw new AuthUnavailableException("JWT keys from " + keysOrigin() + " unavailable: " + e.getMessage(), e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            log.debug("JWT refused: {}", e.getMessage());
            return Optional.empty();
        }
        Optional<String> user = claim(claims, config.userClaim())
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(name -> !name.isBlank());
        if (user.isEmpty()) {
            log.debug("JWT refused: its claim {} names no user", config.userClaim());
            return Optional.empty();
        }
        return Optional.of(new Principal(user.get(), groups(claims)));
    }

    private List<String> groups(JWTClaimsSet claims) {
        Optional<Object> value = claim(claims, config.groupsClaim());
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof String group) {
            return group.isBlank() ? List.of() : List.of(group);
        }
        List<String> groups = new ArrayList<>();
        if (value.get() instanceof Collection<?> values) {
            for (Object group : values) {
                if (group instanceof String name && !name.isBlank() && !groups.contains(name)) {
                    groups.add(name);
                }
            }
        }
        return groups;
    }

    /** The claim by its name, or, when no claim has that name, by a dotted path into nested claims. */
    private static Optional<Object> claim(JWTClaimsSet claims, String name) {
        Object direct = claims.getClaim(name);
        if (direct != null || !name.contains(".")) {
            return Optional.ofNullable(direct);
        }
        Object current = claims.getClaims();
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.ofNullable(current);
    }

    private String keysOrigin() {
        return config.jwksUrl()
                .map(Object::toString)
                .orElseGet(() -> config.jwksFile().orElseThrow().toString());
    }

    private static JWKSource<SecurityContext> keySource(JwtConfig config) {
        if (config.jwksFile().isPresent()) {
            return new FileJwkSource(config.jwksFile().get());
        }
        int timeout = (int) config.jwksTimeout().toMillis();
        try {
            // cached for the TTL; an unknown key id refetches at once (rotation), rate-limited to two
            // fetches per 30 s; refreshed when a request finds it expired (no background thread)
            return JWKSourceBuilder.<SecurityContext>create(
                            config.jwksUrl().orElseThrow().toURL(),
                            new DefaultResourceRetriever(timeout, timeout, JWKS_SIZE_LIMIT))
                    .cache(config.jwksCacheTtl().toMillis(), 2L * timeout)
                    .refreshAheadCache(false)
                    .rateLimited(true)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("auth.jwt.jwks-url: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (keys instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                log.debug("closing the JWKS source failed", e);
            }
        }
    }
}
