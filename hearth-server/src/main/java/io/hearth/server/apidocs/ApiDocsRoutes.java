package io.hearth.server.apidocs;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.http.Json;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The API contract ({@code GET /openapi.json}) and its reference page ({@code /api-docs/}, Swagger UI
 * from its webjar). Both are open (see {@code HttpServer.isOpen}): they describe the API, no one's data.
 */
public final class ApiDocsRoutes implements RouteTable {
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    private static final String OWN = "/io/hearth/server/apidocs/";

    /** The page's files: ours (index and initializer) and Swagger UI's, by name, with their types. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    /**
     * Built on the first request and kept: the contract does not change while the server runs, and
     * generating it (~0.3 s warm, ~3 s in a cold JVM) should not slow every start-up.
     */
    private final Supplier<byte[]> document = Suppliers.memoize(() -> OpenApiDocument.build(Json.newMapper()));

    private final String swaggerUiVersion = swaggerUiVersion();

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document.get()));
        routes.get("/api-docs", ctx -> own(ctx, "index.html", "text/html; charset=utf-8"));
        routes.get("/api-docs/{file}", this::asset);
    }

    private void asset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        if (file.equals("swagger-initializer.js")) {
            own(ctx, file, "text/javascript; charset=utf-8");
            return;
        }
        if (file.equals("index.html")) {
            own(ctx, file, "text/html; charset=utf-8");
            return;
        }
        String type = ASSETS.get(file);
        if (type == null) {
            throw new HearthException(ErrorCode.NOT_FOUND, "no such file: /api-docs/" + file);
        }
        serve(ctx, WEBJAR + swaggerUiVersion + "/" + file, type);
    }

    private static void own(Context ctx, String file, String type) throws IOException {
        serve(ctx, OWN + file, type);
    }

    private static void serve(Context ctx, String resource, String type) throws IOException {
        try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            ctx.contentType(type);
            ctx.header("Cache-Control", "max-age=3600");
            ctx.result(in.readAllBytes());
        }
    }

    private static String swaggerUiVersion() {
        try (InputStream in =
                ApiDocsRoutes.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
