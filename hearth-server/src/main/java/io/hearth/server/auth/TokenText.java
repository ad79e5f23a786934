package io.hearth.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hearth API token's text, {@code hth_<id>_<secret>}: the prefix tells it from a JWT (and lets
 * secret scanners spot a leaked one), the id finds its row, the secret is 256 random bits in
 * base64url (43 characters). Never printed: {@code toString} hides the secret.
 */
record TokenText(String id, String secret) {
    static final String PREFIX = "hth_";
    private static final int SECRET_BYTES = 32;
    /** Ids have no '_', so the first one after the prefix ends the id. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

    private static final Pattern TEXT = Pattern.compile("hth_([A-Za-z0-9-]{1,128})_([A-Za-z0-9_-]{43})");

    TokenText {
        requireNonNull(id, "id is null");
        requireNonNull(secret, "secret is null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a token id is 1 to 128 letters, digits and '-': " + id);
        }
    }

    /** Whether the text is meant as a Hearth token (maybe a malformed one), not a JWT. */
    static boolean hasPrefix(String text) {
        return text.startsWith(PREFIX);
    }

    /** The token the text is, or empty when it is not well formed. */
    static Optional<TokenText> parse(String text) {
        Matcher matcher = TEXT.matcher(text);
        return matcher.matches() ? Optional.of(new TokenText(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    /** A new token with this id and a fresh secret. */
    static TokenText generate(String id, SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new TokenText(id, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** What the caller sends as its bearer token. */
    String text() {
        return PREFIX + id + "_" + secret;
    }

    /** The SHA-256 of the secret, in lower-case hex: what the store keeps. */
    String secretSha256() {
        return HexFormat.of().formatHex(digest(secret));
    }

    /**
     * Whether this secret's hash is the stored one. Compared in constant time ({@link
     * MessageDigest#isEqual} over two 32-byte digests), so the answer's timing tells nothing of how
     * much of a guess was right.
     */
    boolean matches(String storedSecretSha256) {
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedSecretSha256);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(secret), stored);
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "TokenText[id=" + id + "]";
    }
}
