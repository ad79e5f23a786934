package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import io.hearth.server.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of the {@code basic} method: one line per user, {@code name:bcrypt-hash[:group,...]},
 * {@code #} comments and blank lines ignored. Read again whenever the file changes (its modification
 * time, size or identity), so {@code hearth user add} takes effect without a restart. A file that
 * turns unreadable keeps the users last read (and says so); a deleted file leaves no users.
 */
final class UsersFile {
    private static final Logger log = LoggerFactory.getLogger(UsersFile.class);
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Pattern NAME = Pattern.compile("[^\\s:,#][^\\s:,]*");

    /** One user: the bcrypt hash of their password, and their groups, primary first. */
    record User(String name, String hash, List<String> groups) {
        User {
            requireNonNull(name, "name is null");
            requireNonNull(hash, "hash is null");
            groups = List.copyOf(groups);
        }
    }

    private record Snapshot(Stamp stamp, Map<String, User> users) {}

    private record Stamp(FileTime modified, long size, Object fileKey) {}

    private final Path file;
    private volatile Snapshot current;

    /**
     * Reads the file once now.
     *
     * @throws ConfigException when it is missing or a line is invalid, naming the file and line
     */
    UsersFile(Path file) {
        this.file = requireNonNull(file, "file is null");
        Stamp stamp;
        try {
            stamp = stamp();
        } catch (NoSuchFileException e) {
            throw new ConfigException("auth.users-file " + file + " does not exist; create it with `hearth user add"
                    + " NAME --file " + file + "` (see docs/security.md)");
        } catch (IOException e) {
            throw new ConfigException("cannot read auth.users-file " + file + ": " + e.getMessage());
        }
        try {
            current = new Snapshot(stamp, parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ConfigException("cannot read auth.users-file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("auth.users-file " + file + ": " + e.getMessage());
        }
        log.info("{} users in {}", current.users().size(), file);
    }

    /** The user of this name as the file says now. */
    Optional<User> find(String name) {
        return Optional.ofNullable(fresh().users().get(name));
    }

    private Snapshot fresh() {
        Snapshot snapshot = current;
        Stamp stamp;
        try {
            stamp = stamp();
        } catch (NoSuchFileException e) {
            stamp = null;
        } catch (IOException e) {
            log.warn("Cannot read the users file {}; keeping the users read before: {}", file, e.toString());
            return snapshot;
        }
        if (Objects.equals(stamp, snapshot.stamp())) {
            return snapshot;
        }
        return reload(stamp);
    }

    private synchronized Snapshot reload(Stamp stamp) {
        Snapshot snapshot = current;
        if (Objects.equals(stamp, snapshot.stamp())) {
            return snapshot;
        }
        if (stamp == null) {
            log.warn("The users file {} is gone: no user can log in with a password until it is back", file);
            current = new Snapshot(null, Map.of());
            return current;
        }
        try {
            current = new Snapshot(stamp, parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
            log.info(
                    "The users file {} changed: {} users", file, current.users().size());
        } catch (IOException | IllegalArgumentException e) {
            // the stamp is taken, so this is said once per change, not once per login
            log.error(
                    "The users file {} changed but is invalid; keeping the users read before: {}",
                    file,
                    e.getMessage());
            current = new Snapshot(stamp, snapshot.users());
        }
        return current;
    }

    private Stamp stamp() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    }

    /** The users of these lines; an invalid line is an IllegalArgumentException naming it. */
    static Map<String, User> parse(List<String> lines) {
        Map<String, User> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", -1);
            int number = i + 1;
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("line " + number + " is not name:bcrypt-hash[:group,...]");
            }
            String name = parts[0].strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "line " + number + ": the user name must be non-empty, without spaces, ':' or ','");
            }
            String hash = parts[1].strip();
            if (!BCRYPT.matcher(hash).matches()) {
                throw new IllegalArgumentException("line " + number + ": the password of " + name
                        + " is not a bcrypt hash ($2a$, $2b$ or $2y$); write it with `hearth user add`");
            }
            List<String> groups = parts.length == 3
                    ? Arrays.stream(parts[2].split(","))
                            .map(String::strip)
                            .filter(group -> !group.isEmpty())
                            .toList()
                    : List.of();
            if (users.put(name, new User(name, hash, groups)) != null) {
                throw new IllegalArgumentException("line " + number + ": user " + name + " is listed twice");
            }
        }
        return Map.copyOf(users);
    }
}
