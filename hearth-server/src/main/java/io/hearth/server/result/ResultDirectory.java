package io.hearth.server.result;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.statement.ResultManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a result's files lie: {@code <root>/<resultId>/chunk-<n>.arrows} and {@code
 * manifest.json}. The manifest is written last, so a directory without one is a result still
 * being written, or left behind by a crash.
 */
final class ResultDirectory {
    static final String MANIFEST_FILE = "manifest.json";
    static final String TEMP_SUFFIX = ".tmp";

    // Result ids name directories: no separators, no dot-only names.
    private static final Pattern RESULT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final Path root;
    private final ObjectMapper json;

    ResultDirectory(Path root) {
        this.root = requireNonNull(root, "root is null");
        this.json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                // A newer gateway may add fields; an older one must still read the manifest.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    static boolean isValidResultId(String resultId) {
        return resultId != null && RESULT_ID.matcher(resultId).matches();
    }

    Path resultPath(String resultId) {
        return root.resolve(resultId);
    }

    Path chunkPath(String resultId, int chunkIndex) {
        return resultPath(resultId).resolve(chunkFileName(chunkIndex));
    }

    static String chunkFileName(int chunkIndex) {
        return "chunk-" + chunkIndex + ".arrows";
    }

    Optional<ResultManifest> readManifest(String resultId) {
        Path file = resultPath(resultId).resolve(MANIFEST_FILE);
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), ResultManifest.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HearthException(
                    ErrorCode.INTERNAL_ERROR, "the manifest of result " + resultId + " cannot be read", e);
        }
    }

    void writeManifest(String resultId, ResultManifest manifest) {
        Path file = resultPath(resultId).resolve(MANIFEST_FILE);
        Path temp = file.resolveSibling(MANIFEST_FILE + TEMP_SUFFIX);
        try {
            Files.write(temp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            moveIntoPlace(temp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of result " + resultId, e);
        }
    }

    /** Removes a result's directory and everything in it; nothing happens if there is none. */
    void delete(String resultId) {
        Path directory = resultPath(resultId);
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // deleted concurrently: the outcome is the same
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete result " + resultId, e);
        }
    }

    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
