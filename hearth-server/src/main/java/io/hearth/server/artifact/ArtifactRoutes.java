package io.hearth.server.artifact;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.artifact.ArtifactInfo;
import io.hearth.api.artifact.ArtifactList;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.http.Paging;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The artifacts API: upload a jar (raw body or multipart form), list, read and delete. Uploads
 * have their own size limit ({@code artifact.max-bytes}), not the JSON bodies' one, and go to disk
 * as they arrive.
 */
public final class ArtifactRoutes implements RouteTable {
    static final Set<String> RAW_MEDIA_TYPES = Set.of(
            "application/java-archive", "application/x-java-archive", "application/octet-stream", "application/zip");
    /** Jetty's multipart config attribute: set per request, so only this route parses to disk. */
    private static final String MULTIPART_CONFIG_ATTRIBUTE = "org.eclipse.jetty.multipartConfig";
    /** Room for the form's other fields and part headers around the jar. */
    private static final long FORM_OVERHEAD_BYTES = 64 * 1024;
    /** Parts up to this size stay in memory while parsed; larger ones go to the upload folder. */
    private static final int IN_MEMORY_PART_BYTES = 64 * 1024;

    private static final int MAX_NAME_BYTES = 4 * 1024;
    /**
     * A refused body up to this size is read and dropped, so the client, still sending, reads the
     * answer rather than a connection reset; a larger one is cut off.
     */
    private static final long DISCARD_LIMIT_BYTES = 64L * 1024 * 1024;

    private final ArtifactService artifacts;

    public ArtifactRoutes(ArtifactService artifacts) {
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        routes.post("/v1/artifacts", this::upload);
        routes.get("/v1/artifacts", this::list);
        routes.get("/v1/artifacts/{artifact_id}", this::get);
        routes.delete("/v1/artifacts/{artifact_id}", this::delete);
    }

    private void upload(Context ctx) throws IOException {
        Principal principal = Requests.principal(ctx);
        String mediaType = mediaType(ctx.contentType());
        Artifact artifact;
        if (mediaType.equals("multipart/form-data")) {
            artifact = uploadForm(ctx, principal);
        } else if (RAW_MEDIA_TYPES.contains(mediaType)) {
            artifact = uploadBody(ctx, principal);
        } else {
            throw new HearthException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "send the jar as the body (Content-Type: application/java-archive or application/octet-stream,"
                            + " name in ?name=) or as multipart/form-data (a \"file\" part and a \"name\" field), not "
                            + (mediaType.isEmpty() ? "without a Content-Type" : mediaType));
        }
        ctx.status(201);
        ctx.header("Location", "/v1/artifacts/" + artifact.id());
        ctx.json(info(artifact));
    }

    private Artifact uploadBody(Context ctx, Principal principal) throws IOException {
        refuseDeclaredOversize(ctx, artifacts.maxBytes());
        try (InputStream body = ctx.req().getInputStream()) {
            try {
                return artifacts.upload(principal, ctx.queryParam("name"), body);
            } catch (HearthException e) {
                discardRest(body);
                throw e;
            }
        }
    }

    private Artifact uploadForm(Context ctx, Principal principal) throws IOException {
        long maxForm = artifacts.maxBytes() + FORM_OVERHEAD_BYTES;
        refuseDeclaredOversize(ctx, maxForm);
        Files.createDirectories(artifacts.uploadDirectory());
        ctx.req()
                .setAttribute(
                        MULTIPART_CONFIG_ATTRIBUTE,
                        new MultipartConfigElement(
                                artifacts.uploadDirectory().toString(),
                                artifacts.maxBytes(),
                                maxForm,
                                IN_MEMORY_PART_BYTES));
        Collection<Part> parts = parts(ctx);
        try {
            Part file = parts.stream()
                    .filter(part -> part.getName().equals("file"))
                    .findFirst()
                    .orElseThrow(() -> HearthException.invalidField(
                            "file", "the multipart form has no \"file\" part holding the jar"));
            String name = parts.stream()
                    .filter(part -> part.getName().equals("name"))
                    .findFirst()
                    .map(ArtifactRoutes::text)
                    .orElse(file.getSubmittedFileName());
            try (InputStream in = file.getInputStream()) {
                return artifacts.upload(principal, name, in);
            }
        } finally {
            for (Part part : parts) {
                part.delete();
            }
        }
    }

    private Collection<Part> parts(Context ctx) throws IOException {
        try {
            return ctx.req().getParts();
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                String message = String.valueOf(cause.getMessage());
                // Jetty's words when a part or the whole form passes the configured maximum
                if (message.startsWith("max file size exceeded") || message.startsWith("max length exceeded")) {
                    throw JarUpload.tooLarge(artifacts.maxBytes());
                }
            }
            throw new HearthException(
                    ErrorCode.INVALID_REQUEST, "the multipart form could not be read: " + e.getMessage());
        }
    }

    private static String text(Part part) {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_NAME_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw HearthException.invalidField("name", "the name field could not be read");
        }
    }

    /** A body declared larger than the limit is refused before any of it is stored. */
    private static void refuseDeclaredOversize(Context ctx, long maxBytes) throws IOException {
        long length = ctx.contentLength();
        if (length > maxBytes) {
            if (length <= DISCARD_LIMIT_BYTES) {
                try (InputStream body = ctx.req().getInputStream()) {
                    body.skipNBytes(length);
                } catch (IOException e) {
                    // the client went away; nothing to answer
                }
            }
            throw JarUpload.tooLarge(maxBytes);
        }
    }

    private static void discardRest(InputStream body) {
        byte[] buffer = new byte[64 * 1024];
        try {
            long skipped = 0;
            int read;
            while (skipped <= DISCARD_LIMIT_BYTES && (read = body.read(buffer)) != -1) {
                skipped += read;
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    private void list(Context ctx) {
        OwnerFilter filter = Requests.ownerFilter(ctx);
        int limit = Paging.limit(ctx);
        Optional<ArtifactPage> start =
                Paging.start(ctx).map(position -> new ArtifactPage(position.createdAt(), position.id()));
        Paging.Page<Artifact> page = Paging.page(
                artifacts.list(filter, start, limit + 1),
                limit,
                artifact -> new Paging.Position(artifact.createdAt(), artifact.id()));
        ctx.json(
                new ArtifactList(page.items().stream().map(ArtifactRoutes::info).toList(), page.nextPageToken()));
    }

    private void get(Context ctx) {
        Principal principal = Requests.principal(ctx);
        ctx.json(info(artifacts.find(principal, ctx.pathParam("artifact_id"))));
    }

    private void delete(Context ctx) {
        Principal principal = Requests.principal(ctx);
        artifacts.delete(principal, ctx.pathParam("artifact_id"));
        ctx.status(204);
    }

    static ArtifactInfo info(Artifact artifact) {
        return new ArtifactInfo(
                artifact.id(),
                artifact.owner(),
                artifact.name(),
                artifact.sha256(),
                artifact.sizeBytes(),
                artifact.createdAt());
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }
}
