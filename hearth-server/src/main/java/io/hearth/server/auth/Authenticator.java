package io.hearth.server.auth;

import java.util.Optional;

/**
 * Decides who a request comes from, from its credentials. The seam every front door goes through;
 * real methods (basic, LDAP, JWT, tokens) plug in here.
 */
public interface Authenticator {
    /**
     * The principal for these credentials.
     *
     * @param authorization the request's Authorization header, if any
     * @throws io.hearth.api.HearthException UNAUTHENTICATED when the credentials are wrong
     */
    Principal authenticate(Optional<String> authorization);
}
