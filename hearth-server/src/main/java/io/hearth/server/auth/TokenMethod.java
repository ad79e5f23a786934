package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import java.util.Optional;

/**
 * The {@code token} authentication method: Hearth API tokens ({@code hth_...}) sent as bearer
 * tokens. Any other bearer token (a JWT) is not this method's: it answers empty, and the chain
 * tries the next method.
 */
public final class TokenMethod implements AuthMethod {
    public static final String NAME = "token";

    private final TokenService tokens;

    public TokenMethod(TokenService tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(Credentials credentials) {
        return credentials instanceof Credentials.Token token && TokenText.hasPrefix(token.token());
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        if (!accepts(credentials)) {
            return Optional.empty();
        }
        try {
            return tokens.verify(((Credentials.Token) credentials).token());
        } catch (HearthException e) {
            if (e.errorCode() == ErrorCode.STORE_UNAVAILABLE) {
                throw new AuthUnavailableException("API tokens cannot be checked: " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
