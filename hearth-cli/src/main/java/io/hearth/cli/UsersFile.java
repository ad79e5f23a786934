package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gateway's users file as {@code hearth user} edits it: one line per user, {@code
 * name:bcrypt-hash[:group,...]}; other lines (comments) are kept as they are. Written whole to a
 * file beside it, readable by its owner only, then moved over it, so the gateway (which reads it
 * again when it changes) never sees half a file.
 */
final class UsersFile {
    static final Pattern NAME = Pattern.compile("[^\\s:,#][^\\s:,]*");

    private final Path file;

    UsersFile(Path file) {
        this.file = requireNonNull(file, "file is null").toAbsolutePath();
    }

    Path path() {
        return file;
    }

    /** Adds the user, or replaces their line; true when they were there before. */
    boolean put(String name, String hash, List<String> groups) throws IOException {
        String line = name + ":" + hash + (groups.isEmpty() ? "" : ":" + String.join(",", groups));
        List<String> lines = read();
        Optional<Integer> at = indexOf(lines, name);
        if (at.isPresent()) {
            lines.set(at.get(), line);
        } else {
            lines.add(line);
        }
        write(lines);
        return at.isPresent();
    }

    /** Removes the user's line; false when there was none. */
    boolean remove(String name) throws IOException {
        List<String> lines = read();
        Optional<Integer> at = indexOf(lines, name);
        if (at.isEmpty()) {
            return false;
        }
        lines.remove((int) at.get());
        write(lines);
        return true;
    }

    private List<String> read() throws IOException {
        return Files.exists(file)
                ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>();
    }

    private static Optional<Integer> indexOf(List<String> lines, String name) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("#") && line.startsWith(name + ":")) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private void write(List<String> lines) throws IOException {
        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(
                "." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(temporary);
        try {
            createPrivate(temporary);
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void createPrivate(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's access rules apply
            Files.createFile(path);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot write " + path + ": it exists", e);
        }
    }
}
