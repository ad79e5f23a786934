package io.hearth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Users files for gateways started with {@code auth.methods=basic}. Hashes use bcrypt's lowest cost
 * (4), so tests log in in a millisecond; the gateway reads any cost.
 */
public final class TestingUsers {
    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);

    private final List<String> lines = new ArrayList<>();

    public static TestingUsers users() {
        return new TestingUsers();
    }

    /** A user with a password and groups (primary first). */
    public TestingUsers add(String name, String password, String... groups) {
        lines.add(name + ":" + ENCODER.encode(password) + (groups.length == 0 ? "" : ":" + String.join(",", groups)));
        return this;
    }

    /** Writes (replaces) the users file. */
    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Settings for {@link TestingHearth#start}: the {@code basic} method over this users file, with
     * the given admins ({@code auth.admins}).
     */
    public static Map<String, String> basicAuth(Path usersFile, String... admins) {
        return Map.of(
                "auth.methods", "basic",
                "auth.users-file", usersFile.toString(),
                "auth.admins", String.join(",", admins));
    }
}
