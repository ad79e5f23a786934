package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link JwtMethod} verifies bearer JWTs ({@code auth.jwt.*}): who must have issued them, for
 * which audience, with which keys (a JWKS URL, cached and refetched when an unknown key id turns
 * up, or a JWKS file, reread when it changes), and which claims name the user and the groups.
 *
 * <p>Only asymmetric algorithms are allowed: with an HMAC algorithm anyone holding the public key
 * set could sign tokens.
 *
 * @param issuer the exact {@code iss} tokens must carry
 * @param audience a value tokens' {@code aud} must contain
 * @param jwksUrl where the issuer publishes its public keys (an OIDC provider's {@code jwks_uri})
 * @param jwksFile a JWKS file holding the public keys
 * @param userClaim the claim holding the user's name ({@code sub}); a dotted name such as {@code
 *     realm_access.roles} reaches into a nested claim
 * @param groupsClaim the claim holding the user's groups ({@code groups}): a string or an array
 * @param algorithms the JWS algorithms accepted ({@code RS256}, {@code ES256})
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 * @param jwksCacheTtl how long fetched keys are used before they are fetched again
 * @param jwksTimeout how long connecting to and reading the JWKS URL may take
 */
public record JwtConfig(
        String issuer,
        String audience,
        Optional<URI> jwksUrl,
        Optional<Path> jwksFile,
        String userClaim,
        String groupsClaim,
        List<String> algorithms,
        Duration clockSkew,
        Duration jwksCacheTtl,
        Duration jwksTimeout) {

    public static final String DEFAULT_USER_CLAIM = "sub";
    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "ES256");
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_JWKS_TIMEOUT = Duration.ofSeconds(5);
    /** Signature algorithms verified with a public key. */
    static final Set<String> ASYMMETRIC_ALGORITHMS = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES256K", "ES384", "ES512", "EdDSA",
            "Ed25519");

    public JwtConfig {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(audience, "audience is null");
        requireNonNull(jwksUrl, "jwksUrl is null");
        requireNonNull(jwksFile, "jwksFile is null");
        requireNonNull(userClaim, "userClaim is null");
        requireNonNull(groupsClaim, "groupsClaim is null");
        algorithms = List.copyOf(algorithms);
        requireNonNull(clockSkew, "clockSkew is null");
        requireNonNull(jwksCacheTtl, "jwksCacheTtl is null");
        requireNonNull(jwksTimeout, "jwksTimeout is null");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("auth.jwt.issuer is required");
        }
        if (audience.isBlank()) {
            throw new IllegalArgumentException(
                    "auth.jwt.audience is required (else tokens the issuer made for other services would be accepted)");
        }
        if (jwksUrl.isPresent() == jwksFile.isPresent()) {
            throw new IllegalArgumentException("auth.jwt needs exactly one of jwks-url or jwks-file");
        }
        jwksUrl.ifPresent(url -> {
            String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
                throw new IllegalArgumentException(
                        "auth.jwt.jwks-url \"" + url + "\" must be an https:// (or http://) URL");
            }
        });
        if (userClaim.isBlank()) {
            throw new IllegalArgumentException("auth.jwt.user-claim is blank");
        }
        if (groupsClaim.isBlank()) {
            throw new IllegalArgumentException("auth.jwt.groups-claim is blank");
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("auth.jwt.algorithms names no algorithm");
        }
        for (String algorithm : algorithms) {
            if (!ASYMMETRIC_ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException("auth.jwt.algorithms: \"" + algorithm
                        + "\" is not allowed; use public-key algorithms (" + String.join(", ", sorted()) + ")");
            }
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("auth.jwt.clock-skew is negative");
        }
        if (jwksCacheTtl.isZero() || jwksCacheTtl.isNegative()) {
            throw new IllegalArgumentException("auth.jwt.jwks-cache-ttl must be positive");
        }
        if (jwksTimeout.isZero() || jwksTimeout.isNegative()) {
            throw new IllegalArgumentException("auth.jwt.jwks-timeout must be positive");
        }
    }

    private static List<String> sorted() {
        return ASYMMETRIC_ALGORITHMS.stream().sorted().toList();
    }
}
