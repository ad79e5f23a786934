package io.hearth.server.flightsql;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.hearth.api.HearthException;
import io.hearth.server.auth.AuthUnavailableException;
import io.hearth.server.auth.Authenticator;
import io.hearth.server.auth.Credentials;
import io.hearth.server.auth.Principal;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.AuthUtilities;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;

/**
 * Who a Flight SQL call comes from, decided by the gateway's authentication chain.
 *
 * <p>A client proves itself one of three ways: HTTP-style Basic credentials (the handshake the
 * Flight SQL JDBC driver and ADBC do with a user and password), answered with a bearer token Flight
 * generates, which later calls carry; a bearer token of its own (a Hearth API token or a JWT),
 * checked on every call; or, in development mode, nothing at all. The peer identity Flight hands
 * the producer is an opaque key of a principal this class holds, never a name a client chose.
 */
final class FlightAuthentication implements CallHeaderAuthenticator {
    /** The client's address, which the authentication chain counts failed logins by. */
    private static final Context.Key<String> REMOTE_ADDRESS = Context.key("hearth-flight-remote-address");

    /** As long as a generated bearer token lives: the principal behind it must outlive it. */
    private static final Duration SESSION_TTL = Duration.ofHours(2);

    private final Authenticator authenticator;
    private final Cache<String, Principal> principals;
    private final Supplier<String> newKey;
    private final CallHeaderAuthenticator initial;
    private final CallHeaderAuthenticator generated;

    FlightAuthentication(Authenticator authenticator) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.principals = CacheBuilder.newBuilder()
                .expireAfterAccess(SESSION_TTL)
                .maximumSize(100_000)
                .build();
        SecureRandom random = new SecureRandom();
        this.newKey = () -> {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            return "p:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        };
        BasicCallHeaderAuthenticator basic = new BasicCallHeaderAuthenticator(this::validatePassword);
        this.initial = headers -> {
            String bearer = AuthUtilities.getValueFromAuthHeader(headers, Auth2Constants.BEARER_PREFIX);
            if (bearer != null) {
                return validateToken(bearer);
            }
            if (AuthUtilities.getValueFromAuthHeader(headers, Auth2Constants.BASIC_PREFIX) != null) {
                return basic.authenticate(headers);
            }
            return remember(newKey.get(), check(() -> authenticator.authenticate(Optional.empty(), remoteAddress())));
        };
        this.generated = new GeneratedBearerTokenAuthenticator(initial, (int) SESSION_TTL.toMinutes());
    }

    @Override
    public AuthResult authenticate(CallHeaders headers) {
        if (AuthUtilities.getValueFromAuthHeader(headers, Auth2Constants.BEARER_PREFIX) != null) {
            try {
                return generated.authenticate(headers); // one Flight issued at a handshake
            } catch (FlightRuntimeException e) {
                if (e.status().code() != CallStatus.UNAUTHENTICATED.code()) {
                    throw e;
                }
                return initial.authenticate(headers); // the client's own: an API token or a JWT
            }
        }
        return generated.authenticate(headers);
    }

    /** The principal behind a peer identity this class handed out. */
    Principal principal(String peerIdentity) {
        Principal principal = peerIdentity == null ? null : principals.getIfPresent(peerIdentity);
        if (principal == null) {
            throw CallStatus.UNAUTHENTICATED
                    .withDescription("the session has expired; authenticate again")
                    .toRuntimeException();
        }
        return principal;
    }

    /** Records each call's remote address where the authenticator can read it. */
    static ServerInterceptor remoteAddressInterceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                SocketAddress address = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                String remote = address instanceof InetSocketAddress inet
                        ? inet.getAddress().getHostAddress()
                        : String.valueOf(address);
                return Contexts.interceptCall(Context.current().withValue(REMOTE_ADDRESS, remote), call, headers, next);
            }
        };
    }

    private AuthResult validatePassword(String user, String password) {
        return remember(
                newKey.get(),
                check(() -> authenticator.authenticate(new Credentials.Password(user, password), remoteAddress())));
    }

    private AuthResult validateToken(String token) {
        Principal principal = check(() -> authenticator.authenticate(new Credentials.Token(token), remoteAddress()));
        // the same token is the same key: a client sending its own token on every call adds one entry
        return remember("t:" + Hashing.sha256().hashString(token, StandardCharsets.UTF_8), principal);
    }

    private AuthResult remember(String key, Principal principal) {
        principals.put(key, principal);
        return () -> key;
    }

    private static Principal check(Supplier<Principal> authentication) {
        try {
            return authentication.get();
        } catch (HearthException e) {
            throw FlightErrors.from(e);
        } catch (AuthUnavailableException e) {
            throw FlightErrors.from(e);
        }
    }

    private static String remoteAddress() {
        String remote = REMOTE_ADDRESS.get();
        return remote == null ? "unknown" : remote;
    }
}
