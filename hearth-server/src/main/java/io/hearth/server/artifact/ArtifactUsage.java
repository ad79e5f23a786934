package io.hearth.server.artifact;

import java.util.List;

/** What uses an artifact: an artifact in use cannot be deleted. */
public interface ArtifactUsage {
    /** The names of the functions defined on this artifact (empty when none). */
    List<String> functionsUsing(String artifactId);
}
