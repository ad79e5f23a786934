package io.hearth.server.hs2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.Provider;
import java.security.Security;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthenticationException;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import javax.security.sasl.SaslServerFactory;

/**
 * The server side of SASL PLAIN (RFC 4616), which the JDK does not ship: one message, {@code
 * [authzid] NUL authcid NUL passwd} in UTF-8, checked by a {@link PlainCallback}. Acting as
 * another user (an authzid other than the authcid) is refused.
 */
final class PlainSaslServer implements SaslServer {
    static final String MECHANISM = "PLAIN";

    private final CallbackHandler handler;
    private String user;
    private boolean complete;

    PlainSaslServer(CallbackHandler handler) {
        this.handler = requireNonNull(handler, "handler is null");
    }

    /** Hands the user name and password to the front door's authentication, which throws if it refuses. */
    static final class PlainCallback implements Callback {
        private final String user;
        private final String password;

        PlainCallback(String user, String password) {
            this.user = user;
            this.password = password;
        }

        String user() {
            return user;
        }

        String password() {
            return password;
        }
    }

    @Override
    public String getMechanismName() {
        return MECHANISM;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
        if (complete) {
            throw new SaslException("PLAIN authentication has completed already");
        }
        String message = new String(response, UTF_8);
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (first < 0 || second < 0 || message.indexOf('\0', second + 1) >= 0) {
            throw new AuthenticationException("malformed PLAIN message: expected [authzid] NUL user NUL password");
        }
        String authorizationId = message.substring(0, first);
        String authenticationId = message.substring(first + 1, second);
        String password = message.substring(second + 1);
        if (authenticationId.isEmpty()) {
            throw new AuthenticationException("no user name given");
        }
        if (!authorizationId.isEmpty() && !authorizationId.equals(authenticationId)) {
            throw new AuthenticationException("user " + authenticationId + " may not act as " + authorizationId);
        }
        try {
            handler.handle(new Callback[] {new PlainCallback(authenticationId, password)});
        } catch (SaslException e) {
            throw e;
        } catch (IOException | UnsupportedCallbackException e) {
            throw new SaslException("PLAIN authentication failed: " + e.getMessage(), e);
        }
        user = authenticationId;
        complete = true;
        return null;
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    @Override
    public String getAuthorizationID() {
        if (!complete) {
            throw new IllegalStateException("PLAIN authentication has not completed");
        }
        return user;
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int length) {
        throw new IllegalStateException("PLAIN has no security layer");
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int length) {
        throw new IllegalStateException("PLAIN has no security layer");
    }

    @Override
    public Object getNegotiatedProperty(String name) {
        return null;
    }

    @Override
    public void dispose() {}

    /** Makes {@code Sasl.createSaslServer("PLAIN", ...)} find this server (libthrift creates it so). */
    static synchronized void register() {
        if (Security.getProvider(PlainProvider.NAME) == null) {
            Security.addProvider(new PlainProvider());
        }
    }

    /** The security provider that offers the PLAIN server factory. */
    static final class PlainProvider extends Provider {
        private static final long serialVersionUID = 1L;
        static final String NAME = "HearthSaslPlain";

        PlainProvider() {
            super(NAME, "1.0", "SASL PLAIN server (RFC 4616) of Hearth's HiveServer2 front door");
            put("SaslServerFactory." + MECHANISM, Factory.class.getName());
        }
    }

    /** Creates PLAIN servers; public with a public constructor because the provider instantiates it by name. */
    public static final class Factory implements SaslServerFactory {
        public Factory() {}

        @Override
        public SaslServer createSaslServer(
                String mechanism, String protocol, String serverName, Map<String, ?> props, CallbackHandler cbh) {
            return MECHANISM.equals(mechanism) ? new PlainSaslServer(cbh) : null;
        }

        @Override
        public String[] getMechanismNames(Map<String, ?> props) {
            return new String[] {MECHANISM};
        }
    }
}
