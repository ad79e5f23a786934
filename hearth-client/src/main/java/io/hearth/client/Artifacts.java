package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.artifact.ArtifactInfo;
import io.hearth.api.artifact.ArtifactList;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Artifacts: jars uploaded to the gateway, which batches run. Obtained from {@link
 * HearthClient#artifacts()}; thread-safe.
 *
 * <pre>{@code
 * ArtifactInfo jar = client.artifacts().upload(Path.of("target/app.jar"), "app.jar");
 * BatchInfo batch = client.batches().submit(new BatchRequest(jar.artifactId(), "com.example.App", List.of(), Map.of()));
 * }</pre>
 */
public final class Artifacts {
    /** What the gateway accepts as a raw jar body. */
    static final String JAR_MEDIA_TYPE = "application/java-archive";

    private final RestTransport transport;
    private final Duration uploadTimeout;

    Artifacts(RestTransport transport, Duration uploadTimeout) {
        this.transport = requireNonNull(transport, "transport is null");
        this.uploadTimeout = requireNonNull(uploadTimeout, "uploadTimeout is null");
    }

    /**
     * Uploads a jar, streamed from the file (never whole in memory), and returns the artifact with
     * the SHA-256 and size the gateway computed. The upload may take up to the client's {@link
     * HearthClient.Builder#uploadTimeout upload timeout} on top of its request timeout.
     *
     * <p>A file that is not a readable jar is a {@link HearthClientException} with {@code
     * INVALID_ARTIFACT}; one larger than the gateway's {@code artifact.max-bytes} with {@code
     * PAYLOAD_TOO_LARGE}.
     *
     * @param jar the jar file
     * @param name the artifact's name, or null for the file's name
     * @throws UncheckedIOException when the file cannot be read (a {@link FileNotFoundException}
     *     when it does not exist)
     */
    public ArtifactInfo upload(Path jar, String name) {
        requireNonNull(jar, "jar is null");
        String artifactName = name != null ? name : String.valueOf(jar.getFileName());
        HttpRequest.BodyPublisher body;
        try {
            if (!Files.isRegularFile(jar)) {
                throw new FileNotFoundException("no such file: " + jar);
            }
            body = HttpRequest.BodyPublishers.ofFile(jar);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        String path = RestTransport.withQuery("/v1/artifacts", Map.of("name", artifactName));
        return transport.send("POST", path, body, JAR_MEDIA_TYPE, uploadTimeout, ArtifactInfo.class);
    }

    /** The caller's newest artifacts (the first page, at most 50). */
    public List<ArtifactInfo> list() {
        return list(50, null).artifacts();
    }

    /**
     * A page of the caller's artifacts, newest first.
     *
     * @param limit at most this many (1 to 1000)
     * @param pageToken {@link ArtifactList#nextPageToken()} of the previous page, or null for the first
     */
    public ArtifactList list(int limit, String pageToken) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", limit);
        query.put("page_token", pageToken);
        return transport.send("GET", RestTransport.withQuery("/v1/artifacts", query), null, ArtifactList.class);
    }

    /** One artifact; a {@link HearthClientException} with {@code NOT_FOUND} if the caller has none of that id. */
    public ArtifactInfo find(String artifactId) {
        return transport.send("GET", path(artifactId), null, ArtifactInfo.class);
    }

    /**
     * Deletes an artifact; a batch running from it is not disturbed. A {@link HearthClientException}
     * with {@code CONFLICT} when functions still use it, {@code NOT_FOUND} when there is none.
     */
    public void delete(String artifactId) {
        transport.call("DELETE", path(artifactId));
    }

    private static String path(String artifactId) {
        return "/v1/artifacts/" + RestTransport.segment(artifactId);
    }
}
