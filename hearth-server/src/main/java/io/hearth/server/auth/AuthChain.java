package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.config.ConfigException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured authentication methods ({@code auth.methods}), tried in order: the first that
 * accepts the credentials says who the caller is, and the chain gives the principal its role
 * ({@code auth.admins}, {@code auth.admin-groups}) in one place, whichever method accepted it.
 * Failed logins are counted per user name and remote address; past the limit the credentials are
 * not even checked.
 */
public final class AuthChain implements Authenticator {
    private static final Logger log = LoggerFactory.getLogger(AuthChain.class);
    private static final Credentials SOME_PASSWORD = new Credentials.Password("-", "-");
    private static final Credentials SOME_TOKEN = new Credentials.Token("-");

    private final List<AuthMethod> methods;
    private final Set<String> admins;
    private final Set<String> adminGroups;
    private final FailedLogins failedLogins;
    private final List<String> challenges;

    public AuthChain(List<AuthMethod> methods, AuthConfig config, FailedLogins failedLogins) {
        this.methods = List.copyOf(methods);
        if (this.methods.isEmpty()) {
            throw new IllegalArgumentException("an authentication chain needs at least one method");
        }
        this.admins = config.admins();
        this.adminGroups = config.adminGroups();
        this.failedLogins = requireNonNull(failedLogins, "failedLogins is null");
        List<String> offered = new ArrayList<>();
        if (this.methods.stream().anyMatch(method -> method.accepts(SOME_PASSWORD))) {
            offered.add("Basic realm=\"" + config.realm() + "\", charset=\"UTF-8\"");
        }
        if (this.methods.stream().anyMatch(method -> method.accepts(SOME_TOKEN))) {
            offered.add("Bearer realm=\"" + config.realm() + "\"");
        }
        this.challenges = List.copyOf(offered);
    }

    /**
     * The chain {@code auth.methods} names, each method built by its factory in {@code available}.
     *
     * @throws ConfigException naming a method this gateway cannot provide
     */
    public static AuthChain fromConfig(AuthConfig config, Map<String, Supplier<AuthMethod>> available, Clock clock) {
        // every name first: an unknown method is the error to fix, before any method reads its files
        for (String name : config.methods()) {
            if (!available.containsKey(name)) {
                throw new ConfigException("auth.methods names \"" + name + "\", which this gateway does not provide;"
                        + " available: " + String.join(", ", available.keySet()));
            }
        }
        List<AuthMethod> methods = new ArrayList<>();
        for (String name : config.methods()) {
            methods.add(available.get(name).get());
        }
        return new AuthChain(
                methods,
                config,
                new FailedLogins(
                        config.failedLoginsMax(),
                        config.failedLoginsMaxPerAddress(),
                        config.failedLoginsWindow(),
                        clock));
    }

    @Override
    public Principal authenticate(Optional<String> authorizationHeader, String remoteAddress) {
        if (authorizationHeader.isEmpty() || authorizationHeader.get().isBlank()) {
            throw new HearthException(ErrorCode.UNAUTHENTICATED, "credentials are required: " + describeAccepted());
        }
        return authenticate(AuthorizationHeader.parse(authorizationHeader.get()), remoteAddress);
    }

    @Override
    public Principal authenticate(Credentials credentials, String remoteAddress) {
        requireNonNull(credentials, "credentials is null");
        requireNonNull(remoteAddress, "remoteAddress is null");
        Optional<String> user =
                credentials instanceof Credentials.Password password ? Optional.of(password.user()) : Optional.empty();
        failedLogins.checkAllowed(user, remoteAddress);
        List<String> unavailable = new ArrayList<>();
        boolean tried = false;
        boolean refused = false;
        for (AuthMethod method : methods) {
            if (!method.accepts(credentials)) {
                continue;
            }
            tried = true;
            try {
                Optional<Principal> principal = method.authenticate(credentials);
                if (principal.isPresent()) {
                    failedLogins.recordSuccess(principal.get().name());
                    user.filter(name -> !name.equals(principal.get().name())).ifPresent(failedLogins::recordSuccess);
                    return withRole(principal.get());
                }
                refused = true;
            } catch (AuthUnavailableException e) {
                log.warn("Authentication method {} could not decide: {}", method.name(), e.getMessage());
                unavailable.add(method.name());
            }
        }
        // a method that said no counts, even while another could not decide: otherwise an outage of
        // the directory would lift the limit on guessing against the users file
        if (refused || unavailable.isEmpty()) {
            failedLogins.recordFailure(user, remoteAddress);
        }
        if (!unavailable.isEmpty()) {
            throw new HearthException(
                    ErrorCode.UNAUTHENTICATED,
                    "the credentials could not be checked now (" + String.join(", ", unavailable)
                            + " unavailable); try again later");
        }
        if (!tried) {
            throw new HearthException(
                    ErrorCode.UNAUTHENTICATED,
                    "this gateway does not accept " + kind(credentials) + "; " + describeAccepted());
        }
        throw new HearthException(ErrorCode.UNAUTHENTICATED, "the credentials were not accepted");
    }

    @Override
    public List<String> challenges() {
        return challenges;
    }

    private Principal withRole(Principal principal) {
        boolean admin =
                admins.contains(principal.name()) || principal.groups().stream().anyMatch(adminGroups::contains);
        return new Principal(principal.name(), principal.groups(), admin);
    }

    private String describeAccepted() {
        return challenges.stream()
                .map(challenge -> challenge.startsWith("Basic") ? "HTTP Basic (user and password)" : "a Bearer token")
                .collect(Collectors.joining(" or "));
    }

    private static String kind(Credentials credentials) {
        return credentials instanceof Credentials.Password ? "user names and passwords" : "bearer tokens";
    }
}
