package io.hearth.server.artifact;

import java.util.List;
import java.util.Optional;

/** Where artifact records are kept; the jars themselves are files (see {@link ArtifactConfig}). */
public interface ArtifactRepository {
    void insert(Artifact artifact);

    Optional<Artifact> find(String artifactId);

    /** One owner's artifacts (every owner's when {@code owner} is empty), newest first, after a page start. */
    List<Artifact> list(Optional<String> owner, Optional<ArtifactPage> page, int limit);

    /** Removes the record; false when it was already gone. */
    boolean delete(String artifactId);

    /** How many records (of any owner) refer to the jar with this SHA-256. */
    long countBySha256(String sha256);
}
