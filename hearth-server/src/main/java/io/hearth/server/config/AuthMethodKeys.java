package io.hearth.server.config;

import io.hearth.server.auth.JwtConfig;
import io.hearth.server.auth.LdapConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code auth.ldap.*} and {@code auth.jwt.*} keys. Each method is configured when any of its
 * keys is set, and its record then names what is missing; with none set it is absent, and listing
 * it in {@code auth.methods} is the chain's error to report.
 */
final class AuthMethodKeys {
    private AuthMethodKeys() {}

    /** The LDAP method's settings when any {@code auth.ldap.*} key is set; LdapConfig names what is missing. */
    static Optional<LdapConfig> ldap(ConfigSource source) {
        Optional<String> urls = source.string("auth.ldap.url");
        Optional<String> userDnPattern = source.string("auth.ldap.user-dn-pattern");
        Optional<String> bindDn = source.string("auth.ldap.bind-dn");
        Optional<String> bindPassword = source.string("auth.ldap.bind-password");
        Optional<String> userSearchBase = source.string("auth.ldap.user-search-base");
        Optional<String> userSearchFilter = source.string("auth.ldap.user-search-filter");
        Optional<String> groupSearchBase = source.string("auth.ldap.group-search-base");
        Optional<String> groupSearchFilter = source.string("auth.ldap.group-search-filter");
        Optional<String> groupNameAttribute = source.string("auth.ldap.group-name-attribute");
        Optional<String> userNameAttribute = source.string("auth.ldap.user-name-attribute");
        Optional<Path> caCertificates =
                source.string("auth.ldap.ca-certificates").map(Path::of);
        boolean tuned = source.string("auth.ldap.connect-timeout").isPresent()
                || source.string("auth.ldap.response-timeout").isPresent()
                || source.string("auth.ldap.pool-size").isPresent()
                || source.string("auth.ldap.start-tls").isPresent()
                || caCertificates.isPresent();
        Duration connectTimeout = source.duration("auth.ldap.connect-timeout", LdapConfig.DEFAULT_CONNECT_TIMEOUT);
        Duration responseTimeout = source.duration("auth.ldap.response-timeout", LdapConfig.DEFAULT_RESPONSE_TIMEOUT);
        int poolSize = source.integer("auth.ldap.pool-size", LdapConfig.DEFAULT_POOL_SIZE);
        boolean startTls = source.bool("auth.ldap.start-tls", false);
        boolean anySet = tuned
                || List.of(
                                urls,
                                userDnPattern,
                                bindDn,
                                bindPassword,
                                userSearchBase,
                                userSearchFilter,
                                groupSearchBase,
                                groupSearchFilter,
                                groupNameAttribute,
                                userNameAttribute)
                        .stream()
                        .anyMatch(Optional::isPresent);
        if (!anySet) {
            return Optional.empty();
        }
        return Optional.of(new LdapConfig(
                urls.map(text -> Arrays.asList(text.split("\\s+"))).orElse(List.of()),
                userDnPattern,
                bindDn,
                bindPassword,
                userSearchBase,
                userSearchFilter.orElse(LdapConfig.DEFAULT_USER_SEARCH_FILTER),
                groupSearchBase,
                groupSearchFilter.orElse(LdapConfig.DEFAULT_GROUP_SEARCH_FILTER),
                groupNameAttribute.orElse(LdapConfig.DEFAULT_GROUP_NAME_ATTRIBUTE),
                connectTimeout,
                responseTimeout,
                poolSize,
                userNameAttribute,
                startTls,
                caCertificates));
    }

    /** The JWT method's settings when any {@code auth.jwt.*} key is set; JwtConfig names what is missing. */
    static Optional<JwtConfig> jwt(ConfigSource source) {
        Optional<String> issuer = source.string("auth.jwt.issuer");
        Optional<String> audience = source.string("auth.jwt.audience");
        Optional<URI> jwksUrl = source.string("auth.jwt.jwks-url").map(text -> uri(source, "auth.jwt.jwks-url", text));
        Optional<Path> jwksFile = source.string("auth.jwt.jwks-file").map(Path::of);
        Optional<String> userClaim = source.string("auth.jwt.user-claim");
        Optional<String> groupsClaim = source.string("auth.jwt.groups-claim");
        Optional<String> algorithms = source.string("auth.jwt.algorithms");
        boolean tuned = source.string("auth.jwt.clock-skew").isPresent()
                || source.string("auth.jwt.jwks-cache-ttl").isPresent()
                || source.string("auth.jwt.jwks-timeout").isPresent();
        Duration clockSkew = source.duration("auth.jwt.clock-skew", JwtConfig.DEFAULT_CLOCK_SKEW);
        Duration jwksCacheTtl = source.duration("auth.jwt.jwks-cache-ttl", JwtConfig.DEFAULT_JWKS_CACHE_TTL);
        Duration jwksTimeout = source.duration("auth.jwt.jwks-timeout", JwtConfig.DEFAULT_JWKS_TIMEOUT);
        boolean anySet = tuned
                || jwksUrl.isPresent()
                || jwksFile.isPresent()
                || List.of(issuer, audience, userClaim, groupsClaim, algorithms).stream()
                        .anyMatch(Optional::isPresent);
        if (!anySet) {
            return Optional.empty();
        }
        return Optional.of(new JwtConfig(
                issuer.orElse(""),
                audience.orElse(""),
                jwksUrl,
                jwksFile,
                userClaim.orElse(JwtConfig.DEFAULT_USER_CLAIM),
                groupsClaim.orElse(JwtConfig.DEFAULT_GROUPS_CLAIM),
                algorithms
                        .map(text -> Arrays.stream(text.split(","))
                                .map(String::trim)
                                .filter(name -> !name.isEmpty())
                                .toList())
                        .orElse(JwtConfig.DEFAULT_ALGORITHMS),
                clockSkew,
                jwksCacheTtl,
                jwksTimeout));
    }

    private static URI uri(ConfigSource source, String key, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw source.invalid(key, "a URL");
        }
    }
}
