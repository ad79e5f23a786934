package io.hearth.server.auth;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Reads an HTTP {@code Authorization} header: {@code Basic} (RFC 7617) or {@code Bearer} (RFC 6750). */
public final class AuthorizationHeader {
    private AuthorizationHeader() {}

    /**
     * The credentials the header carries.
     *
     * @throws HearthException UNAUTHENTICATED when the header is malformed or of another scheme
     */
    public static Credentials parse(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : value.substring(space + 1).strip();
        return switch (scheme) {
            case "basic" -> basic(rest);
            case "bearer" -> {
                if (rest.isEmpty() || rest.contains(" ")) {
                    throw unauthenticated("the Bearer token is empty or malformed");
                }
                yield new Credentials.Token(rest);
            }
            default ->
                throw unauthenticated(
                        "the Authorization scheme must be Basic or Bearer, not \"" + printable(scheme) + "\"");
        };
    }

    /** The user name a header names, if it is a readable Basic header: for the audit of failed logins. */
    public static Optional<String> userName(Optional<String> header) {
        try {
            return header.map(AuthorizationHeader::parse)
                    .filter(Credentials.Password.class::isInstance)
                    .map(credentials -> ((Credentials.Password) credentials).user());
        } catch (HearthException e) {
            return Optional.empty();
        }
    }

    private static Credentials basic(String encoded) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthenticated("the Basic credentials are not valid base64");
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            throw unauthenticated("the Basic credentials must be user:password with a non-empty user");
        }
        return new Credentials.Password(pair.substring(0, colon), pair.substring(colon + 1));
    }

    private static String printable(String text) {
        String shortened = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        return shortened.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static HearthException unauthenticated(String message) {
        return new HearthException(ErrorCode.UNAUTHENTICATED, message);
    }
}
