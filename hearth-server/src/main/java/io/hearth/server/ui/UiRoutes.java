package io.hearth.server.ui;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web console (module {@code hearth-ui}, built into the jar under {@code io/hearth/ui/}) at {@code /ui}.
 * Its files are open, so the page can load and show its sign-in form; everything it shows comes from the
 * authenticated {@code /v1} API. Paths that are no file are the console's own client routes
 * ({@code /ui/statements/abc}) and answer {@code index.html}; a missing asset answers 404.
 */
public final class UiRoutes implements RouteTable {
    static final String ROOT = "io/hearth/ui/";
    private static final String INDEX = "index.html";
    // Vite names built assets by their content hash: they never change, so browsers keep them for a year
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    // no segment starts with a dot, so no ".." climbs out of io/hearth/ui/ to other classpath resources
    private static final Pattern SAFE_PATH =
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8",
            "woff2", "font/woff2");

    private final ClassLoader classLoader;

    public UiRoutes() {
        this(UiRoutes.class.getClassLoader());
    }

    UiRoutes(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        routes.get("/", ctx -> ctx.redirect("/ui/"));
        routes.get("/ui", this::index);
        routes.get("/ui/<path>", this::file);
    }

    private void index(Context ctx) {
        byte[] index = read(INDEX)
                .orElseThrow(() -> new HearthException(
                        ErrorCode.NOT_FOUND,
                        "the web console is not in this build (hearth-ui was built with -Dhearth.ui.skip)"));
        // always revalidated: it names the current hashed assets
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(CONTENT_TYPES.get("html"));
        ctx.result(index);
    }

    private void file(Context ctx) {
        String path = ctx.pathParam("path");
        String extension = extension(path);
        if (extension.isEmpty() && !path.startsWith("assets/")) {
            // a client route; never a directory of the jar
            index(ctx);
            return;
        }
        Optional<byte[]> file =
                SAFE_PATH.matcher(path).matches() && !path.equals(INDEX) ? read(path) : Optional.empty();
        if (file.isEmpty()) {
            throw new HearthException(ErrorCode.NOT_FOUND, "no such file in the web console: /ui/" + path);
        }
        ctx.header("Cache-Control", path.startsWith("assets/") ? IMMUTABLE : "no-cache");
        ctx.contentType(CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"));
        ctx.result(file.get());
    }

    private static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot + 1) : "";
    }

    private Optional<byte[]> read(String path) {
        try (InputStream in = classLoader.getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
