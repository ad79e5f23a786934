package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Development mode: no authentication method is configured, so every request acts as the
 * configured default user ({@code auth.default-user}), an admin, whatever credentials it carries.
 * The gateway refuses to listen on anything but a loopback address this way.
 */
public final class SingleUserAuthenticator implements Authenticator {
    private final Principal user;

    public SingleUserAuthenticator(String defaultUser) {
        this.user = new Principal(requireNonNull(defaultUser, "defaultUser is null"), List.of(), true);
    }

    @Override
    public Principal authenticate(Optional<String> authorizationHeader, String remoteAddress) {
        return user;
    }

    @Override
    public Principal authenticate(Credentials credentials, String remoteAddress) {
        return user;
    }

    @Override
    public List<String> challenges() {
        return List.of();
    }
}
