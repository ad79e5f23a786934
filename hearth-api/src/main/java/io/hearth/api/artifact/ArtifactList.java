package io.hearth.api.artifact;

import java.util.List;

/**
 * The caller's artifacts, newest first.
 *
 * @param artifacts the artifacts
 */
public record ArtifactList(List<ArtifactInfo> artifacts) {
    public ArtifactList {
        artifacts = List.copyOf(artifacts);
    }
}
