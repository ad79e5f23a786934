package io.hearth.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** /api-docs/ serves Swagger UI from the jar, on this gateway's /openapi.json, without credentials. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsPageTest {
    @TempDir
    static Path directory;

    private TestingHearth hearth;

    @BeforeAll
    void start() throws IOException {
        Path users = TestingUsers.users().add("alice", "alice-password").writeTo(directory.resolve("users"));
        // authentication on, and no credentials sent: the page must not need them
        hearth = TestingHearth.start(directory.resolve("data"), TestingUsers.basicAuth(users));
    }

    @AfterAll
    void stop() {
        hearth.close();
    }

    @Test
    void servesThePageWithItsScriptsFromTheJar() {
        for (String path : new String[] {"/api-docs", "/api-docs/", "/api-docs/index.html"}) {
            HttpResponse<String> page = hearth.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body())
                    .contains(
                            "/api-docs/swagger-ui-bundle.js",
                            "/api-docs/swagger-ui.css",
                            "/api-docs/swagger-initializer.js")
                    .as("no CDN")
                    .doesNotContain("https://", "http://");
        }
        HttpResponse<byte[]> bundle = hearth.getBytes("/api-docs/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(bundle.body().length).as("the whole bundle").isGreaterThan(1_000_000);
        assertThat(new String(bundle.body(), StandardCharsets.UTF_8)).contains("SwaggerUIBundle");
        HttpResponse<String> css = hearth.get("/api-docs/swagger-ui.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(hearth.get("/api-docs/swagger-ui-standalone-preset.js").body())
                .contains("SwaggerUIStandalonePreset");
    }

    @Test
    void initializerLoadsThisGatewaysContractNotThePetstore() {
        HttpResponse<String> initializer = hearth.get("/api-docs/swagger-initializer.js");
        assertThat(initializer.statusCode()).isEqualTo(200);
        assertThat(initializer.body()).contains("url: \"/openapi.json\"").doesNotContain("petstore");
        assertThat(hearth.get("/openapi.json").statusCode()).isEqualTo(200);
    }

    @Test
    void servesNoOtherFileAndTheApiStillNeedsCredentials() {
        HttpResponse<String> other = hearth.get("/api-docs/oauth2-redirect.html");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(hearth.get("/api-docs/..%2F..%2Fversion.properties").statusCode())
                .isEqualTo(404);
        assertThat(hearth.get("/api-docsx").statusCode())
                .as("only /api-docs itself is open")
                .isEqualTo(401);
        assertThat(hearth.get("/v1/statements").statusCode()).isEqualTo(401);
    }
}
