package io.hearth.server.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code basic}: a user name and password checked against the users file's bcrypt hashes.
 *
 * <p>bcrypt is slow on purpose (tens of milliseconds), and clients send their password with every
 * request, polls included. So a password once verified is remembered as an HMAC under a key that
 * lives only in this process, for as long as the user's hash in the file stays the same: a changed
 * password or a removed user is checked afresh.
 */
public final class BasicMethod implements AuthMethod {
    public static final String NAME = "basic";

    private final UsersFile users;
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    /** Checked against for unknown users, so an unknown name costs what a wrong password does. */
    private final String decoyHash;

    private final SecretKeySpec verifiedKey;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(String hash, byte[] passwordMac) {}

    /**
     * @throws io.hearth.server.config.ConfigException when the users file is missing or invalid
     */
    public BasicMethod(Path usersFile) {
        this.users = new UsersFile(usersFile);
        this.decoyHash = encoder.encode("decoy password of no user");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.verifiedKey = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(Credentials credentials) {
        return credentials instanceof Credentials.Password;
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        if (!(credentials instanceof Credentials.Password password)) {
            return Optional.empty();
        }
        Optional<UsersFile.User> found = users.find(password.user());
        if (found.isEmpty()) {
            matches(password.password(), decoyHash);
            return Optional.empty();
        }
        UsersFile.User user = found.get();
        byte[] mac = mac(password);
        Verified known = verified.get(user.name());
        boolean valid =
                known != null && known.hash().equals(user.hash()) && MessageDigest.isEqual(known.passwordMac(), mac)
                        || matches(password.password(), user.hash());
        if (!valid) {
            return Optional.empty();
        }
        verified.put(user.name(), new Verified(user.hash(), mac));
        return Optional.of(new Principal(user.name(), user.groups()));
    }

    private boolean matches(String password, String hash) {
        try {
            return encoder.matches(password, hash);
        } catch (IllegalArgumentException e) {
            // bcrypt refuses passwords over 72 bytes: no stored password is one
            return false;
        }
    }

    private byte[] mac(Credentials.Password password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(verifiedKey);
            mac.update(password.user().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.password().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
