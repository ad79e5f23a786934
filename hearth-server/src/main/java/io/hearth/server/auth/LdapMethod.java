package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a user name and password by binding to an LDAP directory as the user, then looks up the
 * user's groups. Login names are escaped wherever they enter a DN or a filter, so a name such as
 * {@code *)(uid=*} cannot widen a search. An empty password is refused before the directory is
 * asked: LDAP treats a simple bind without a password as an anonymous bind, which succeeds.
 *
 * <p>Groups come back sorted by name (a directory has no primary group), so the principal's
 * primary group is the same on every login. Closing the method closes its search connections.
 */
public final class LdapMethod implements AuthMethod, AutoCloseable {
    /** The method's name in {@code auth.methods}. */
    public static final String NAME = "ldap";

    private static final Logger log = LoggerFactory.getLogger(LdapMethod.class);
    private static final int MAX_GROUPS = 1000;
    private static final Pattern PLACEHOLDERS = Pattern.compile("\\{0}|\\{dn}");
    /** Results of a failed user bind that mean "not this user or not this password", not "cannot decide". */
    private static final Set<ResultCode> REFUSED = Set.of(
            ResultCode.INVALID_CREDENTIALS,
            ResultCode.NO_SUCH_OBJECT,
            ResultCode.INVALID_DN_SYNTAX,
            ResultCode.INAPPROPRIATE_AUTHENTICATION,
            ResultCode.UNWILLING_TO_PERFORM);

    private final LdapConfig config;
    private final ServerSet servers;
    private final Optional<LDAPConnectionPool> searchPool;

    public LdapMethod(LdapConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.servers = serverSet(config);
        this.searchPool =
                config.searchesUsers() || config.bindDn().isPresent() ? Optional.of(pool()) : Optional.empty();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(Credentials credentials) {
        return credentials instanceof Credentials.Password;
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        if (!(credentials instanceof Credentials.Password password)) {
            return Optional.empty();
        }
        String user = password.user();
        if (user.isBlank() || password.password().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> userDn = findUserDn(user);
        if (userDn.isEmpty()) {
            return Optional.empty();
        }
        try (LDAPConnection connection = connect()) {
            if (!bind(connection, user, userDn.get(), password.password())) {
                return Optional.empty();
            }
            Optional<String> name = principalName(connection, user, userDn.get());
            if (name.isEmpty()) {
                return Optional.empty();
            }
            List<String> groups = findGroups(connection, name.get(), userDn.get());
            return Optional.of(new Principal(name.get(), groups));
        }
    }

    private Optional<String> findUserDn(String user) {
        if (config.userDnPattern().isPresent()) {
            String escaped = escapeDnValue(user);
            return Optional.of(config.userDnPattern().get().replace(LdapConfig.LOGIN_PLACEHOLDER, escaped));
        }
        String filter = config.userSearchFilter().replace(LdapConfig.LOGIN_PLACEHOLDER, Filter.encodeValue(user));
        List<SearchResultEntry> found;
        try {
            SearchRequest request = new SearchRequest(
                    config.userSearchBase().orElseThrow(), SearchScope.SUB, filter, SearchRequest.NO_ATTRIBUTES);
            request.setSizeLimit(2);
            request.setTimeLimitSeconds(timeLimitSeconds());
            found = searchPool.orElseThrow().search(request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode().equals(ResultCode.SIZE_LIMIT_EXCEEDED)) {
                log.warn("auth.ldap.user-search-filter matches several entries for user {}; refusing the login", user);
                return Optional.empty();
            }
            throw unavailable("searching the user", e);
        } catch (LDAPException e) {
            throw unavailable("searching the user", e);
        }
        if (found.size() > 1) {
            log.warn("auth.ldap.user-search-filter matches several entries for user {}; refusing the login", user);
            return Optional.empty();
        }
        return found.stream().findFirst().map(SearchResultEntry::getDN);
    }

    /** Whether the directory accepted the password; throws when it could not say. */
    private boolean bind(LDAPConnection connection, String user, String userDn, String password) {
        try {
            connection.bind(new SimpleBindRequest(userDn, password));
            return true;
        } catch (LDAPException e) {
            if (REFUSED.contains(e.getResultCode())) {
                log.debug("LDAP bind refused for user {}: {}", user, e.getResultCode());
                return false;
            }
            throw unavailable("binding as the user", e);
        }
    }

    /** The login name, or the entry's {@code user-name-attribute} read as the user just bound. */
    private Optional<String> principalName(LDAPConnection connection, String user, String userDn) {
        if (config.userNameAttribute().isEmpty()) {
            return Optional.of(user);
        }
        String attribute = config.userNameAttribute().get();
        SearchResultEntry entry;
        try {
            entry = connection.getEntry(userDn, attribute);
        } catch (LDAPException e) {
            throw unavailable("reading the user's entry", e);
        }
        Optional<String> name = Optional.ofNullable(entry)
                .map(found -> found.getAttributeValue(attribute))
                .filter(value -> !value.isBlank());
        if (name.isEmpty()) {
            log.warn("user {} has no readable {} (auth.ldap.user-name-attribute); refusing the login", user, attribute);
        }
        return name;
    }

    private List<String> findGroups(LDAPConnection userConnection, String user, String userDn) {
        if (config.groupSearchBase().isEmpty()) {
            return List.of();
        }
        String filter = groupFilter(config.groupSearchFilter(), user, userDn);
        // the service account when there is one (users may not read groups), else the user
        LDAPInterface searcher = config.bindDn().isPresent() ? searchPool.orElseThrow() : userConnection;
        List<SearchResultEntry> entries;
        try {
            SearchRequest request = new SearchRequest(
                    config.groupSearchBase().get(), SearchScope.SUB, filter, config.groupNameAttribute());
            request.setSizeLimit(MAX_GROUPS);
            request.setTimeLimitSeconds(timeLimitSeconds());
            entries = searcher.search(request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (!e.getResultCode().equals(ResultCode.SIZE_LIMIT_EXCEEDED)) {
                throw unavailable("searching the user's groups", e);
            }
            log.warn("user {} is in more than {} groups; using the first {} found", user, MAX_GROUPS, MAX_GROUPS);
            entries = e.getSearchEntries();
        } catch (LDAPException e) {
            throw unavailable("searching the user's groups", e);
        }
        Set<String> groups = new TreeSet<>();
        for (SearchResultEntry entry : entries) {
            String name = entry.getAttributeValue(config.groupNameAttribute());
            if (name != null && !name.isBlank()) {
                groups.add(name);
            }
        }
        return List.copyOf(groups);
    }

    private LDAPConnection connect() {
        try {
            return servers.getConnection();
        } catch (LDAPException e) {
            throw unavailable("connecting", e);
        }
    }

    private LDAPConnectionPool pool() {
        SimpleBindRequest serviceBind = config.bindDn()
                .map(dn -> new SimpleBindRequest(dn, config.bindPassword().orElseThrow()))
                .orElse(null);
        try {
            // no connection is opened here: the gateway starts while the directory is down
            LDAPConnectionPool pool = new LDAPConnectionPool(servers, serviceBind, 0, config.poolSize(), null, false);
            pool.setConnectionPoolName("hearth-ldap");
            pool.setCreateIfNecessary(true);
            pool.setMaxWaitTimeMillis(config.responseTimeout().toMillis());
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
            return pool;
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot create the LDAP connection pool: " + e.getMessage(), e);
        }
    }

    private int timeLimitSeconds() {
        return (int) Math.max(1, config.responseTimeout().toSeconds());
    }

    private AuthUnavailableException unavailable(String doing, LDAPException e) {
        return new AuthUnavailableException(
                "LDAP directory " + config.urls() + " failed " + doing + ": " + e.getResultCode() + ": "
                        + e.getMessage(),
                e);
    }

    /** The group filter with {@code {0}} and {@code {dn}} replaced in one pass, so neither value is read as a placeholder. */
    static String groupFilter(String template, String user, String userDn) {
        return PLACEHOLDERS
                .matcher(template)
                .replaceAll(match -> Matcher.quoteReplacement(
                        Filter.encodeValue(match.group().equals(LdapConfig.DN_PLACEHOLDER) ? userDn : user)));
    }

    /** The login name as a DN attribute value (RFC 4514): {@code ,+"\<>;} and edge spaces escaped. */
    static String escapeDnValue(String value) {
        String rdn = new RDN("x", value).toString();
        return rdn.substring(rdn.indexOf('=') + 1);
    }

    private static ServerSet serverSet(LdapConfig config) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) config.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(config.responseTimeout().toMillis());
        // for ldaps:// and StartTLS alike: the certificate must name the host connected to
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        boolean tls = config.startTls() || config.urls().stream().anyMatch(LdapConfig::isLdaps);
        SSLSocketFactory tlsSockets = tls ? tlsSocketFactory(config) : null;
        List<ServerSet> sets = new ArrayList<>();
        for (String url : config.urls()) {
            LDAPURL parsed = parse(url);
            if (LdapConfig.isLdaps(url)) {
                sets.add(new SingleServerSet(parsed.getHost(), parsed.getPort(), tlsSockets, options));
            } else if (config.startTls()) {
                sets.add(new SingleServerSet(
                        parsed.getHost(),
                        parsed.getPort(),
                        SocketFactory.getDefault(),
                        options,
                        null,
                        new StartTLSPostConnectProcessor(tlsSockets)));
            } else {
                if (!parsed.getHost().equals("localhost") && !parsed.getHost().startsWith("127.")) {
                    log.warn(
                            "auth.ldap.url {} is neither ldaps:// nor upgraded by auth.ldap.start-tls: passwords cross the network in clear",
                            url);
                }
                sets.add(new SingleServerSet(parsed.getHost(), parsed.getPort(), SocketFactory.getDefault(), options));
            }
        }
        return sets.size() == 1 ? sets.get(0) : new FailoverServerSet(sets);
    }

    /** TLS that trusts {@code auth.ldap.ca-certificates}, or else what the JVM trusts. */
    private static SSLSocketFactory tlsSocketFactory(LdapConfig config) {
        try {
            if (config.caCertificates().isEmpty()) {
                return SSLContext.getDefault().getSocketFactory();
            }
            return new SSLUtil(new PEMFileTrustManager(
                            config.caCertificates().get().toFile()))
                    .createSSLSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "auth.ldap.ca-certificates "
                            + config.caCertificates().map(Object::toString).orElse("(the JVM's)") + " cannot be used: "
                            + e.getMessage(),
                    e);
        }
    }

    private static LDAPURL parse(String url) {
        try {
            return new LDAPURL(url);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("auth.ldap.url \"" + url + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        searchPool.ifPresent(LDAPConnectionPool::close);
    }
}
