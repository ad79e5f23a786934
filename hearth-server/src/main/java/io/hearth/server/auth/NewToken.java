package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

/**
 * A token just created, with its text: the one moment the secret exists outside the caller. Never
 * printed: {@code toString} hides the text.
 *
 * @param text what the caller sends as its bearer token, {@code hth_<id>_<secret>}
 */
public record NewToken(ApiToken token, String text) {
    public NewToken {
        requireNonNull(token, "token is null");
        requireNonNull(text, "text is null");
    }

    @Override
    public String toString() {
        return "NewToken[" + token + "]";
    }
}
