package io.hearth.server.artifact;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded jars: received to disk while hashed, stored once per content as {@code
 * <sha256>.jar}, listed and deleted by their owner. Several artifacts (of any owners) may share one
 * file; it is deleted with the last of them.
 */
public final class ArtifactService implements Artifacts {
    private static final Logger log = LoggerFactory.getLogger(ArtifactService.class);
    static final int MAX_NAME_LENGTH = 255;

    private final ArtifactRepository artifacts;
    private final ArtifactUsage usage;
    private final ArtifactConfig config;
    private final Clock clock;
    private final Supplier<String> ids;
    /**
     * Guards the moment a file gains or loses its last record: without it, an upload of the same
     * bytes could find the file present just before a delete removes it.
     */
    private final Object files = new Object();

    public ArtifactService(
            ArtifactRepository artifacts,
            ArtifactUsage usage,
            ArtifactConfig config,
            Clock clock,
            Supplier<String> ids) {
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    /** The largest upload accepted, in bytes. */
    public long maxBytes() {
        return config.maxBytes();
    }

    /** Where uploads are received (multipart parsing writes its parts there too). */
    public Path uploadDirectory() {
        return config.uploadDirectory();
    }

    /**
     * Receives a jar and stores it for the principal.
     *
     * @throws HearthException INVALID_PARAMETER_VALUE for a missing or bad name, PAYLOAD_TOO_LARGE
     *     past {@code artifact.max-bytes}, INVALID_ARTIFACT when it is not a readable jar
     */
    public Artifact upload(Principal principal, String name, InputStream body) {
        requireNonNull(principal, "principal is null");
        requireNonNull(body, "body is null");
        String checkedName = checkName(name);
        try {
            JarUpload upload = JarUpload.receive(body, config.uploadDirectory(), config.maxBytes());
            Path target = config.fileFor(upload.sha256());
            Artifact artifact = new Artifact(
                    ids.get(),
                    principal.name(),
                    checkedName,
                    upload.sha256(),
                    upload.sizeBytes(),
                    target,
                    // the store keeps microseconds: the answer shows what a later read will
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            synchronized (files) {
                moveIntoPlace(upload.file(), target);
                artifacts.insert(artifact);
            }
            log.info(
                    "Stored artifact {} ({}, {} bytes, sha256 {}) for {}",
                    artifact.id(),
                    checkedName,
                    artifact.sizeBytes(),
                    artifact.sha256(),
                    principal.name());
            return artifact;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an upload under " + config.directory(), e);
        }
    }

    /** Same bytes, same file: a second upload of them keeps the file already there. */
    private static void moveIntoPlace(Path upload, Path target) throws IOException {
        if (Files.exists(target)) {
            Files.delete(upload);
        } else {
            Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public Artifact find(Principal principal, String artifactId) {
        requireNonNull(principal, "principal is null");
        requireNonNull(artifactId, "artifactId is null");
        return artifacts
                .find(artifactId)
                .filter(artifact -> principal.mayAccess(artifact.owner()))
                .orElseThrow(
                        () -> new HearthException(ErrorCode.NOT_FOUND, "artifact " + artifactId + " does not exist"));
    }

    /** The artifacts a listing shows, newest first, after a page start. */
    public List<Artifact> list(OwnerFilter filter, Optional<ArtifactPage> page, int limit) {
        return filter.matchesNothing() ? List.of() : artifacts.list(filter.owner(), page, limit);
    }

    /**
     * Deletes the principal's artifact, and its file when no other artifact has the same bytes.
     *
     * @throws HearthException CONFLICT, naming them, while functions use it
     */
    public void delete(Principal principal, String artifactId) {
        Artifact artifact = find(principal, artifactId);
        List<String> functions = usage.functionsUsing(artifactId);
        if (!functions.isEmpty()) {
            throw new HearthException(
                    ErrorCode.CONFLICT,
                    "artifact " + artifactId + " is used by function(s) " + String.join(", ", functions)
                            + "; delete them first");
        }
        synchronized (files) {
            if (!artifacts.delete(artifactId)) {
                return;
            }
            if (artifacts.countBySha256(artifact.sha256()) == 0) {
                try {
                    Files.deleteIfExists(artifact.path());
                } catch (IOException e) {
                    log.warn("Cannot delete {}, the jar of deleted artifact {}", artifact.path(), artifactId, e);
                }
            }
        }
        log.info("Deleted artifact {} of {}", artifactId, principal.name());
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw HearthException.invalidField("name", "name is required: the artifact's name, such as app.jar");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw HearthException.invalidField("name", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw HearthException.invalidField("name", "name must not contain control characters");
        }
        return trimmed;
    }
}
