package io.hearth.server.artifact;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Where a page of a newest-first listing of artifacts starts: after this artifact. */
public record ArtifactPage(Instant createdAt, String after) {
    public ArtifactPage {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(after, "after is null");
    }
}
