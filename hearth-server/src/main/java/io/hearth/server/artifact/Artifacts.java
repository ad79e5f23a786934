package io.hearth.server.artifact;

import io.hearth.server.auth.Principal;

/** How other features find an uploaded artifact. */
public interface Artifacts {
    /**
     * The principal's artifact.
     *
     * @throws io.hearth.api.HearthException NOT_FOUND when it does not exist or is not theirs
     */
    Artifact find(Principal principal, String artifactId);
}
