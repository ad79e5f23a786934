package io.hearth.server.auth;

import java.util.List;
import java.util.Optional;

/**
 * Decides who a request comes from, from its credentials: the one seam every front door (REST,
 * SSE, JDBC, Flight SQL) goes through, so a login is checked, limited and audited alike
 * everywhere.
 */
public interface Authenticator {
    /**
     * The principal an HTTP request's {@code Authorization} header proves ({@code Basic} or {@code
     * Bearer}).
     *
     * @param remoteAddress the client's address, which failed logins are also counted by
     * @throws io.hearth.api.HearthException UNAUTHENTICATED when the header is missing, malformed or
     *     not accepted; TOO_MANY_REQUESTS (with a retry delay) when this user or address failed too
     *     often lately, without checking the credentials
     */
    Principal authenticate(Optional<String> authorizationHeader, String remoteAddress);

    /**
     * The principal these credentials prove, for front doors that carry credentials their own way
     * (SASL PLAIN, a Flight SQL handshake).
     *
     * @throws io.hearth.api.HearthException as {@link #authenticate(Optional, String)}
     */
    Principal authenticate(Credentials credentials, String remoteAddress);

    /**
     * The {@code WWW-Authenticate} challenges a 401 answer carries, one per kind of credentials
     * accepted (e.g. {@code Basic realm="hearth", charset="UTF-8"}); none in development mode.
     */
    List<String> challenges();
}
