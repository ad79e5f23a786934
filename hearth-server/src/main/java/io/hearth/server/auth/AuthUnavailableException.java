package io.hearth.server.auth;

/** An authentication method could not decide (its LDAP directory or JWKS endpoint is unreachable). */
public final class AuthUnavailableException extends RuntimeException {
    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
