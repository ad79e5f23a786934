package io.hearth.server.auth;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic against fixed users, for tests of authorization that need several users before the
 * real authentication chain is wired: each user has a password, groups and the admin role or not.
 */
public final class TestingBasicAuthenticator implements Authenticator {
    /** A user: their password and who they are once it matches. */
    public record User(String password, Principal principal) {}

    private final Map<String, User> users;

    public TestingBasicAuthenticator(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    @Override
    public Principal authenticate(Optional<String> authorization) {
        String header = authorization.orElseThrow(() -> unauthenticated("credentials are required"));
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthenticated("only Basic credentials are accepted");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthenticated("the Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        User user = colon < 0 ? null : users.get(decoded.substring(0, colon));
        if (user == null || !user.password().equals(decoded.substring(colon + 1))) {
            throw unauthenticated("wrong user name or password");
        }
        return user.principal();
    }

    private static HearthException unauthenticated(String message) {
        return new HearthException(ErrorCode.UNAUTHENTICATED, message);
    }
}
