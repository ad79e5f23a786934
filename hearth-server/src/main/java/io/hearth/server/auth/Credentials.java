package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

/**
 * What a client presented to prove who it is, whatever the front door: HTTP Basic and SASL PLAIN
 * give a user name and password, HTTP Bearer and Flight SQL bearer tokens give a token (a JWT or
 * a Hearth API token). Never printed: {@code toString} hides the secret.
 */
public sealed interface Credentials {
    /** A user name and password. */
    record Password(String user, String password) implements Credentials {
        public Password {
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
        }

        @Override
        public String toString() {
            return "Password[user=" + user + "]";
        }
    }

    /** A bearer token: a JWT or a Hearth API token. */
    record Token(String token) implements Credentials {
        public Token {
            requireNonNull(token, "token is null");
        }

        @Override
        public String toString() {
            return "Token[...]";
        }
    }
}
