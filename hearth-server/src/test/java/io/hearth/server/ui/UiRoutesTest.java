package io.hearth.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web console's files, served from the hearth-ui jar at /ui to anyone; its data stays behind /v1. */
class UiRoutesTest {
    @TempDir
    static Path directory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        Path users = TestingUsers.users().add("alice", "alice-password").writeTo(directory.resolve("users"));
        hearth = TestingHearth.start(directory.resolve("data"), TestingUsers.basicAuth(users, "root"));
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void servesTheConsoleWithoutCredentials() {
        HttpResponse<String> index = hearth.get("/ui/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualTo("text/html;charset=utf-8");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.body()).contains("<div id=\"app\">", "Hearth console");
        assertThat(hearth.get("/ui").body()).isEqualTo(index.body());
    }

    @Test
    void hashedAssetsAreCachedForAYear() {
        String index = hearth.get("/ui/").body();
        Matcher script = Pattern.compile("src=\"(/ui/assets/index-[A-Za-z0-9_-]+\\.js)\"")
                .matcher(index);
        assertThat(script.find()).as(index).isTrue();
        HttpResponse<String> asset = hearth.get(script.group(1));
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualTo("text/javascript;charset=utf-8");
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(asset.body()).contains("/v1/me");
        HttpResponse<byte[]> compressed = hearth.getBytes(script.group(1), "Accept-Encoding", "gzip");
        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(compressed.body().length).isLessThan(asset.body().length() / 2);
    }

    @Test
    void clientRoutesAnswerTheIndexAndMissingFilesAnswer404() {
        String index = hearth.get("/ui/").body();
        assertThat(hearth.get("/ui/statements/1f0c-abc").body()).isEqualTo(index);
        assertThat(hearth.get("/ui/engines").body()).isEqualTo(index);
        HttpResponse<String> missing = hearth.get("/ui/assets/index-nope.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.body()).contains("no such file in the web console: /ui/assets/index-nope.js");
        assertThat(hearth.get("/ui/favicon.ico").statusCode()).isEqualTo(404);
        assertThat(hearth.get("/ui/assets").body())
                .as("a folder of the jar is no file")
                .isEqualTo(index);
        assertThat(hearth.get("/ui/assets/..%2F..%2Fui%2Findex.html").statusCode())
                .isEqualTo(404);
        assertThat(hearth.get("/ui/assets/..%2F..%2F..%2F..%2Fio%2Fhearth%2Fserver%2FHearthServer.class")
                        .statusCode())
                .as("nothing outside io/hearth/ui/")
                .isEqualTo(404);
    }

    @Test
    void theRootRedirectsToTheConsole() {
        HttpResponse<String> root = hearth.get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/ui/");
    }

    @Test
    void theApiStillWantsCredentialsAndSparesTheConsoleABrowserPasswordDialog() {
        HttpResponse<String> script = hearth.get("/v1/me");
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().allValues("WWW-Authenticate")).isNotEmpty();
        HttpResponse<String> console = hearth.get("/v1/me", "X-Requested-With", "XMLHttpRequest");
        assertThat(console.statusCode()).isEqualTo(401);
        assertThat(console.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(hearth.as("alice", "alice-password").get("/v1/me").body()).contains("\"user\":\"alice\"");
    }
}
