package io.hearth.server.artifact;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.auth.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Artifacts backed by jars already on disk, standing in for the upload service: {@link #add} makes
 * a jar an artifact of an owner, and {@link #delete} refuses while a function uses it, as the
 * upload service must.
 */
public final class TestingArtifacts implements Artifacts {
    private final ArtifactUsage usage;
    private final Map<String, Artifact> artifacts = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public TestingArtifacts(ArtifactUsage usage) {
        this.usage = requireNonNull(usage, "usage is null");
    }

    /** Makes the jar an artifact of the owner. */
    public Artifact add(String owner, Path jar) {
        try {
            byte[] bytes = Files.readAllBytes(jar);
            String sha256 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            Artifact artifact = new Artifact(
                    "artifact-" + ids.incrementAndGet(),
                    owner,
                    jar.getFileName().toString(),
                    sha256,
                    bytes.length,
                    jar.toAbsolutePath(),
                    Instant.now());
            artifacts.put(artifact.id(), artifact);
            return artifact;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Artifact find(Principal principal, String artifactId) {
        Artifact artifact = artifacts.get(artifactId);
        if (artifact == null || !artifact.owner().equals(principal.name())) {
            throw new HearthException(ErrorCode.NOT_FOUND, "artifact " + artifactId + " does not exist");
        }
        return artifact;
    }

    /** Deletes an artifact no function uses; CONFLICT naming the functions otherwise. */
    public void delete(Principal principal, String artifactId) {
        Artifact artifact = find(principal, artifactId);
        List<String> functions = usage.functionsUsing(artifact.id());
        if (!functions.isEmpty()) {
            throw new HearthException(
                    ErrorCode.CONFLICT, "artifact " + artifactId + " is used by functions " + functions);
        }
        artifacts.remove(artifactId);
    }
}
