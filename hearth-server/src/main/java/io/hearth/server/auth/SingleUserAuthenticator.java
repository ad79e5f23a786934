package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Development mode: no authentication method is configured, so every request acts as the
 * configured default user ({@code auth.default-user}).
 */
public final class SingleUserAuthenticator implements Authenticator {
    private final Principal user;

    public SingleUserAuthenticator(Principal user) {
        this.user = requireNonNull(user, "user is null");
    }

    @Override
    public Principal authenticate(Optional<String> authorization) {
        return user;
    }
}
