package io.hearth.server.auth;

import java.util.Optional;

/**
 * One authentication method of the chain {@code auth.methods} lists (basic, ldap, jwt, token),
 * tried in order.
 */
public interface AuthMethod {
    /** The method's name in {@code auth.methods}, and in audit lines. */
    String name();

    /** Whether this method can check this kind of credentials (a password, a token). */
    boolean accepts(Credentials credentials);

    /**
     * The principal these credentials prove, or empty when this method does not accept them (an
     * unknown user, a wrong password, an invalid or expired token): the chain then tries the next
     * method, and answers 401 when none accepts.
     *
     * @throws AuthUnavailableException when the method cannot decide now (its directory or key
     *     set is unreachable); the chain logs it and goes on, and fails closed
     */
    Optional<Principal> authenticate(Credentials credentials);
}
