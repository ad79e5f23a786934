package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How callers prove who they are ({@code auth.*}).
 *
 * @param methods the methods of the chain, tried in this order ({@code auth.methods}: {@code basic},
 *     {@code ldap}, {@code jwt}, {@code token}); none is development mode, where every request acts
 *     as {@code defaultUser} and the gateway only listens on a loopback address
 * @param defaultUser who every request acts as in development mode ({@code auth.default-user})
 * @param usersFile the users of the {@code basic} method, with their bcrypt hashes and groups
 *     ({@code auth.users-file}, default {@code <hearth home>/conf/users})
 * @param admins user names with the {@code admin} role ({@code auth.admins})
 * @param adminGroups groups whose members have the {@code admin} role ({@code auth.admin-groups})
 * @param realm the realm of the {@code WWW-Authenticate} challenges ({@code auth.realm})
 * @param failedLoginsMax failed logins allowed per user name within {@code failedLoginsWindow}
 *     ({@code auth.failed-logins.max}) before further attempts answer 429
 * @param failedLoginsMaxPerAddress failed logins allowed per remote address within the window
 *     ({@code auth.failed-logins.max-per-address}); higher, as many users may share one address
 * @param failedLoginsWindow the sliding window failed logins are counted in ({@code
 *     auth.failed-logins.window})
 */
public record AuthConfig(
        List<String> methods,
        String defaultUser,
        Path usersFile,
        Set<String> admins,
        Set<String> adminGroups,
        String realm,
        int failedLoginsMax,
        int failedLoginsMaxPerAddress,
        Duration failedLoginsWindow) {
    /** The methods {@code auth.methods} may name. */
    public static final Set<String> KNOWN_METHODS = Set.of("basic", "ldap", "jwt", "token");

    public static final String DEFAULT_REALM = "hearth";
    public static final int DEFAULT_FAILED_LOGINS_MAX = 5;
    public static final int DEFAULT_FAILED_LOGINS_MAX_PER_ADDRESS = 20;
    public static final Duration DEFAULT_FAILED_LOGINS_WINDOW = Duration.ofMinutes(1);

    public AuthConfig {
        methods = List.copyOf(methods);
        requireNonNull(defaultUser, "defaultUser is null");
        requireNonNull(usersFile, "usersFile is null");
        admins = Set.copyOf(admins);
        adminGroups = Set.copyOf(adminGroups);
        requireNonNull(realm, "realm is null");
        requireNonNull(failedLoginsWindow, "failedLoginsWindow is null");
        for (String method : methods) {
            if (!KNOWN_METHODS.contains(method)) {
                throw new IllegalArgumentException("auth.methods: unknown method \"" + method + "\"; the methods are "
                        + String.join(", ", List.of("basic", "ldap", "jwt", "token")));
            }
        }
        if (new HashSet<>(methods).size() != methods.size()) {
            throw new IllegalArgumentException("auth.methods names a method twice: " + String.join(",", methods));
        }
        if (defaultUser.isBlank()) {
            throw new IllegalArgumentException("auth.default-user must not be blank");
        }
        if (realm.isBlank() || realm.contains("\"") || realm.contains("\\")) {
            throw new IllegalArgumentException("auth.realm must be non-blank and without quotes or backslashes");
        }
        if (failedLoginsMax < 1) {
            throw new IllegalArgumentException("auth.failed-logins.max must be at least 1");
        }
        if (failedLoginsMaxPerAddress < 1) {
            throw new IllegalArgumentException("auth.failed-logins.max-per-address must be at least 1");
        }
        if (failedLoginsWindow.isNegative() || failedLoginsWindow.isZero()) {
            throw new IllegalArgumentException("auth.failed-logins.window must be positive");
        }
    }

    /** No method configured: every request acts as {@link #defaultUser()}. */
    public boolean developmentMode() {
        return methods.isEmpty();
    }
}
