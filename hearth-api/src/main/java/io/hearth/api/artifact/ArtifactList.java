package io.hearth.api.artifact;

import java.util.List;

/**
 * The caller's artifacts, newest first.
 *
 * @param artifacts the artifacts of this page
 * @param nextPageToken give it as {@code page_token} for the next page; null on the last page
 */
public record ArtifactList(List<ArtifactInfo> artifacts, String nextPageToken) {
    public ArtifactList {
        artifacts = List.copyOf(artifacts);
    }
}
