package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import java.util.Optional;

/**
 * The {@code token} authentication method: Hearth API tokens ({@code hth_...}) sent as bearer
 * tokens. Any other bearer token (a JWT) is not this method's: it answers empty without a look at
 * the store, and the chain tries the next method.
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

    /** Bearer tokens, the kind of credentials it checks (the chain offers a Bearer challenge for it). */
    @Override
    public boolean accepts(Credentials credentials) {
        return credentials instanceof Credentials.Token;
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        if (!(credentials instanceof Credentials.Token token) || !TokenText.hasPrefix(token.token())) {
            return Optional.empty();
        }
        try {
            return tokens.verify(token.token());
        } catch (HearthException e) {
            if (e.errorCode() == ErrorCode.STORE_UNAVAILABLE) {
                throw new AuthUnavailableException("API tokens cannot be checked: " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
