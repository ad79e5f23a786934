package io.hearth.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.Base64;
import java.util.Optional;

/**
 * Who the client says it is, sent as the {@code Authorization} header of every request. A gateway
 * that does not accept them answers 401, a {@link HearthClientException} with {@link
 * io.hearth.api.ErrorCode#UNAUTHENTICATED}; one in development mode (no authentication) ignores
 * them and acts as its default user.
 */
public sealed interface Credentials {
    /** Sends no {@code Authorization} header. */
    static Credentials none() {
        return None.INSTANCE;
    }

    /**
     * HTTP Basic: a user name and a password, checked by the gateway's {@code basic} (users file)
     * or {@code ldap} method. A gateway in development mode ignores credentials and acts as its
     * default user.
     */
    static Credentials basic(String user, String password) {
        return new Basic(user, password);
    }

    /** A bearer token (an API token or a JWT). */
    static Credentials bearer(String token) {
        return new Bearer(token);
    }

    /** The {@code Authorization} header value, if any. */
    Optional<String> authorization();

    /** The user name these credentials carry, if they carry one. */
    Optional<String> user();

    /** No credentials. */
    enum None implements Credentials {
        INSTANCE;

        @Override
        public Optional<String> authorization() {
            return Optional.empty();
        }

        @Override
        public Optional<String> user() {
            return Optional.empty();
        }
    }

    /** HTTP Basic credentials; {@link #toString()} never shows the password. */
    record Basic(String userName, String password) implements Credentials {
        public Basic {
            requireNonNull(userName, "userName is null");
            requireNonNull(password, "password is null");
            if (userName.isEmpty() || userName.contains(":")) {
                throw new IllegalArgumentException("a user name must be non-empty and without ':'");
            }
        }

        @Override
        public Optional<String> authorization() {
            String pair = userName + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(UTF_8)));
        }

        @Override
        public Optional<String> user() {
            return Optional.of(userName);
        }

        @Override
        public String toString() {
            return "Basic[userName=" + userName + ", password=" + (password.isEmpty() ? "" : "****") + "]";
        }
    }

    /** A bearer token; {@link #toString()} never shows it. */
    record Bearer(String token) implements Credentials {
        public Bearer {
            requireNonNull(token, "token is null");
            if (token.isBlank()) {
                throw new IllegalArgumentException("a bearer token must not be blank");
            }
        }

        @Override
        public Optional<String> authorization() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public Optional<String> user() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "Bearer[****]";
        }
    }
}
