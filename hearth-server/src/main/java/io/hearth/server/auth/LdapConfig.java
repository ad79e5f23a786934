package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How {@link LdapMethod} finds and binds users ({@code auth.ldap.*}). Either the user's DN follows
 * from the login name ({@code user-dn-pattern}), or the method first searches the user's entry
 * (optionally as a service account, {@code bind-dn}) and then binds as it. Groups are searched
 * only when {@code group-search-base} is set. {@code toString} hides the bind password.
 *
 * @param urls {@code ldap://} or {@code ldaps://} URLs, tried in order (failover)
 * @param userDnPattern e.g. {@code uid={0},ou=people,dc=example,dc=org}; {@code {0}} is the login
 *     name, escaped as a DN value
 * @param bindDn the service account that searches users (and groups); anonymous when empty
 * @param bindPassword the service account's password (a secret)
 * @param userSearchBase where users are searched (search-then-bind)
 * @param userSearchFilter e.g. {@code (uid={0})}; {@code {0}} is the login name, escaped as a
 *     filter value
 * @param groupSearchBase where groups are searched; no groups are looked up when empty
 * @param groupSearchFilter e.g. {@code (|(member={dn})(memberUid={0}))}; {@code {dn}} is the
 *     user's DN and {@code {0}} the login name, both escaped as filter values
 * @param groupNameAttribute the group entry's attribute that names the group ({@code cn})
 * @param connectTimeout how long connecting to one directory server may take
 * @param responseTimeout how long one LDAP operation may take
 * @param poolSize connections kept for user and group searches
 * @param userNameAttribute the user entry's attribute whose value becomes the principal's name
 *     ({@code uid}, {@code sAMAccountName}), so {@code Alice} and {@code alice} are one owner; the
 *     login name as typed when empty
 * @param startTls whether {@code ldap://} connections are upgraded to TLS with StartTLS before
 *     anything is sent
 * @param caCertificates a PEM file of the certificates TLS connections trust (a private CA);
 *     the JVM's trusted certificates when empty
 */
public record LdapConfig(
        List<String> urls,
        Optional<String> userDnPattern,
        Optional<String> bindDn,
        Optional<String> bindPassword,
        Optional<String> userSearchBase,
        String userSearchFilter,
        Optional<String> groupSearchBase,
        String groupSearchFilter,
        String groupNameAttribute,
        Duration connectTimeout,
        Duration responseTimeout,
        int poolSize,
        Optional<String> userNameAttribute,
        boolean startTls,
        Optional<Path> caCertificates) {

    public static final String DEFAULT_USER_SEARCH_FILTER = "(uid={0})";
    public static final String DEFAULT_GROUP_SEARCH_FILTER = "(|(member={dn})(memberUid={0}))";
    public static final String DEFAULT_GROUP_NAME_ATTRIBUTE = "cn";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_POOL_SIZE = 4;

    static final String LOGIN_PLACEHOLDER = "{0}";
    static final String DN_PLACEHOLDER = "{dn}";

    public LdapConfig {
        urls = List.copyOf(urls);
        requireNonNull(userDnPattern, "userDnPattern is null");
        requireNonNull(bindDn, "bindDn is null");
        requireNonNull(bindPassword, "bindPassword is null");
        requireNonNull(userSearchBase, "userSearchBase is null");
        requireNonNull(userSearchFilter, "userSearchFilter is null");
        requireNonNull(groupSearchBase, "groupSearchBase is null");
        requireNonNull(groupSearchFilter, "groupSearchFilter is null");
        requireNonNull(groupNameAttribute, "groupNameAttribute is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(responseTimeout, "responseTimeout is null");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("auth.ldap.url is required: the directory servers to bind to");
        }
        urls.forEach(LdapConfig::checkUrl);
        if (userDnPattern.isPresent() == userSearchBase.isPresent()) {
            throw new IllegalArgumentException(
                    "auth.ldap needs exactly one of user-dn-pattern (bind directly) or user-search-base (search, then bind)");
        }
        userDnPattern.ifPresent(pattern -> {
            if (!pattern.contains(LOGIN_PLACEHOLDER)) {
                throw new IllegalArgumentException("auth.ldap.user-dn-pattern must contain {0} (the login name)");
            }
            checkDn("auth.ldap.user-dn-pattern", pattern.replace(LOGIN_PLACEHOLDER, "x"));
        });
        userSearchBase.ifPresent(base -> checkDn("auth.ldap.user-search-base", base));
        if (!userSearchFilter.contains(LOGIN_PLACEHOLDER)) {
            throw new IllegalArgumentException("auth.ldap.user-search-filter must contain {0} (the login name)");
        }
        checkFilter("auth.ldap.user-search-filter", userSearchFilter);
        if (bindDn.isPresent() != bindPassword.isPresent()) {
            throw new IllegalArgumentException("auth.ldap.bind-dn and auth.ldap.bind-password go together");
        }
        bindDn.ifPresent(dn -> checkDn("auth.ldap.bind-dn", dn));
        groupSearchBase.ifPresent(base -> checkDn("auth.ldap.group-search-base", base));
        checkFilter("auth.ldap.group-search-filter", groupSearchFilter);
        if (groupNameAttribute.isBlank()) {
            throw new IllegalArgumentException("auth.ldap.group-name-attribute is blank");
        }
        if (connectTimeout.isZero() || connectTimeout.isNegative()) {
            throw new IllegalArgumentException("auth.ldap.connect-timeout must be positive");
        }
        if (responseTimeout.isZero() || responseTimeout.isNegative()) {
            throw new IllegalArgumentException("auth.ldap.response-timeout must be positive");
        }
        requireNonNull(userNameAttribute, "userNameAttribute is null");
        if (userNameAttribute.isPresent() && userNameAttribute.get().isBlank()) {
            throw new IllegalArgumentException("auth.ldap.user-name-attribute is blank");
        }
        requireNonNull(caCertificates, "caCertificates is null");
        boolean ldaps = urls.stream().anyMatch(LdapConfig::isLdaps);
        if (startTls && ldaps) {
            throw new IllegalArgumentException(
                    "auth.ldap.start-tls is for ldap:// URLs; an ldaps:// URL is encrypted already");
        }
        if (caCertificates.isPresent() && !startTls && !ldaps) {
            throw new IllegalArgumentException(
                    "auth.ldap.ca-certificates is set but no connection uses TLS (ldaps:// or auth.ldap.start-tls)");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("auth.ldap.pool-size must be at least 1, not " + poolSize);
        }
    }

    /** Whether users are searched before the bind (rather than found by {@code user-dn-pattern}). */
    public boolean searchesUsers() {
        return userSearchBase.isPresent();
    }

    static boolean isLdaps(String url) {
        return url.trim().toLowerCase(Locale.ROOT).startsWith("ldaps:");
    }

    private static void checkUrl(String url) {
        LDAPURL parsed;
        try {
            parsed = new LDAPURL(url);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(
                    "auth.ldap.url \"" + url + "\" is not an LDAP URL: " + e.getMessage(), e);
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw new IllegalArgumentException("auth.ldap.url \"" + url + "\" must start with ldap:// or ldaps://");
        }
        if (!parsed.hostProvided()) {
            throw new IllegalArgumentException("auth.ldap.url \"" + url + "\" names no host");
        }
    }

    private static void checkDn(String key, String dn) {
        try {
            new DN(dn);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(key + " \"" + dn + "\" is not a DN: " + e.getMessage(), e);
        }
    }

    private static void checkFilter(String key, String filter) {
        try {
            Filter.create(filter.replace(LOGIN_PLACEHOLDER, "x").replace(DN_PLACEHOLDER, "x"));
        } catch (LDAPException e) {
            throw new IllegalArgumentException(key + " \"" + filter + "\" is not an LDAP filter: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "LdapConfig[urls=" + urls + ", userDnPattern=" + userDnPattern + ", bindDn=" + bindDn
                + ", bindPassword=" + bindPassword.map(secret -> "***").orElse("none") + ", userSearchBase="
                + userSearchBase + ", userSearchFilter=" + userSearchFilter + ", groupSearchBase=" + groupSearchBase
                + ", groupSearchFilter=" + groupSearchFilter + ", groupNameAttribute=" + groupNameAttribute
                + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout + ", poolSize="
                + poolSize + ", userNameAttribute=" + userNameAttribute + ", startTls=" + startTls + ", caCertificates="
                + caCertificates + "]";
    }
}
