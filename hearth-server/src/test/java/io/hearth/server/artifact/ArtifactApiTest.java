package io.hearth.server.artifact;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifacts REST API end to end: uploads over real HTTP, files on disk. */
class ArtifactApiTest {
    private static final int MAX_BYTES = 64 * 1024;

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(dataDirectory, Map.of("artifact.max-bytes", "64k"));
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    private static byte[] uniqueJar() {
        return TestJars.jar(Map.of("app/Main.class", "not really a class " + UUID.randomUUID()));
    }

    private static JsonNode uploadRaw(byte[] jar, String name) {
        HttpResponse<String> response = hearth.postBytes("/v1/artifacts?name=" + name, "application/java-archive", jar);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    private static Path artifactDirectory() {
        return dataDirectory.resolve("artifacts");
    }

    private static long jarFiles() throws Exception {
        try (Stream<Path> files = Files.list(artifactDirectory())) {
            return files.filter(file -> file.toString().endsWith(".jar")).count();
        }
    }

    @Test
    void storesARawJarUnderItsSha256AndServesItsRecord() throws Exception {
        byte[] jar = uniqueJar();

        JsonNode artifact = uploadRaw(jar, "app.jar");

        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        assertThat(artifact.get("artifact_id").asText()).isNotBlank();
        assertThat(artifact.get("name").asText()).isEqualTo("app.jar");
        assertThat(artifact.get("sha256").asText()).isEqualTo(sha256);
        assertThat(artifact.get("size_bytes").asLong()).isEqualTo(jar.length);
        assertThat(artifact.get("owner").asText()).isNotBlank();
        assertThat(artifact.get("created_at").asText()).isNotBlank();
        assertThat(Files.readAllBytes(artifactDirectory().resolve(sha256 + ".jar")))
                .isEqualTo(jar);

        String id = artifact.get("artifact_id").asText();
        assertThat(json(hearth.get("/v1/artifacts/" + id).body())).isEqualTo(artifact);
        JsonNode list = json(hearth.get("/v1/artifacts").body());
        assertThat(list.get("artifacts").findValuesAsText("artifact_id")).contains(id);
        assertThat(Files.list(artifactDirectory().resolve("uploads")))
                .as("no upload left behind")
                .isEmpty();
    }

    @Test
    void acceptsAMultipartFormWithAFilePartAndANameField() throws Exception {
        byte[] jar = uniqueJar();
        String boundary = "hearth-" + UUID.randomUUID();

        HttpResponse<String> response =
                postForm(boundary, form(boundary, Map.of("name", "from-form.jar"), "upload.jar", jar));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode artifact = json(response.body());
        assertThat(artifact.get("name").asText()).isEqualTo("from-form.jar");
        assertThat(artifact.get("size_bytes").asLong()).isEqualTo(jar.length);
        assertThat(Files.readAllBytes(
                        artifactDirectory().resolve(artifact.get("sha256").asText() + ".jar")))
                .isEqualTo(jar);
    }

    @Test
    void aMultipartFormWithoutNameTakesTheFileName() {
        String boundary = "hearth-" + UUID.randomUUID();

        HttpResponse<String> response = postForm(boundary, form(boundary, Map.of(), "tools.jar", uniqueJar()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response.body()).get("name").asText()).isEqualTo("tools.jar");
    }

    @Test
    void theSameBytesUploadedTwiceAreStoredOnceAndTheFileGoesWithTheLastArtifact() throws Exception {
        byte[] jar = uniqueJar();
        long filesBefore = jarFiles();

        JsonNode first = uploadRaw(jar, "one.jar");
        JsonNode second = uploadRaw(jar, "two.jar");

        assertThat(second.get("artifact_id").asText())
                .isNotEqualTo(first.get("artifact_id").asText());
        assertThat(second.get("sha256").asText()).isEqualTo(first.get("sha256").asText());
        assertThat(jarFiles()).isEqualTo(filesBefore + 1);
        Path file = artifactDirectory().resolve(first.get("sha256").asText() + ".jar");

        assertThat(hearth.delete("/v1/artifacts/" + first.get("artifact_id").asText())
                        .statusCode())
                .isEqualTo(204);
        assertThat(file).as("still used by the second artifact").exists();
        assertThat(hearth.get("/v1/artifacts/" + second.get("artifact_id").asText())
                        .statusCode())
                .isEqualTo(200);

        assertThat(hearth.delete("/v1/artifacts/" + second.get("artifact_id").asText())
                        .statusCode())
                .isEqualTo(204);
        assertThat(file).doesNotExist();
        assertThat(hearth.get("/v1/artifacts/" + second.get("artifact_id").asText())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anUploadPastTheLimitIsRefusedWith413AndLeavesNothingBehind() throws Exception {
        byte[] large = TestJars.jar(Map.of("big.bin", randomText(MAX_BYTES * 2)));
        long filesBefore = jarFiles();

        HttpResponse<String> sized = hearth.postBytes("/v1/artifacts?name=big.jar", "application/java-archive", large);
        assertProblem(sized, 413, "PAYLOAD_TOO_LARGE");
        assertThat(sized.body()).contains("artifact.max-bytes");

        // without a Content-Length the body is counted as it streams in
        HttpResponse<String> streamed = hearth.send(HttpRequest.newBuilder(hearth.uri("/v1/artifacts?name=big.jar"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))
                .build());
        assertProblem(streamed, 413, "PAYLOAD_TOO_LARGE");

        String boundary = "hearth-" + UUID.randomUUID();
        assertProblem(
                postForm(boundary, form(boundary, Map.of("name", "big.jar"), "big.jar", large)),
                413,
                "PAYLOAD_TOO_LARGE");

        assertThat(jarFiles()).isEqualTo(filesBefore);
        assertThat(Files.list(artifactDirectory().resolve("uploads"))).isEmpty();
    }

    @Test
    void somethingThatIsNotAJarIsRefusedClearly() {
        HttpResponse<String> text = hearth.postBytes(
                "/v1/artifacts?name=notes.jar",
                "application/octet-stream",
                "just text".getBytes(StandardCharsets.UTF_8));
        assertProblem(text, 422, "INVALID_ARTIFACT");
        assertThat(text.body()).contains("not a readable jar");

        byte[] jar = uniqueJar();
        byte[] truncated = Arrays.copyOf(jar, jar.length - 30);
        assertProblem(
                hearth.postBytes("/v1/artifacts?name=cut.jar", "application/java-archive", truncated),
                422,
                "INVALID_ARTIFACT");

        assertProblem(
                hearth.postBytes("/v1/artifacts?name=empty.jar", "application/java-archive", new byte[0]),
                422,
                "INVALID_ARTIFACT");
    }

    @Test
    void aRequestWithoutNameOrWithAnotherMediaTypeIsRefused() {
        HttpResponse<String> unnamed = hearth.postBytes("/v1/artifacts", "application/java-archive", uniqueJar());
        assertProblem(unnamed, 400, "INVALID_PARAMETER_VALUE");
        assertThat(json(unnamed.body()).get("field").asText()).isEqualTo("name");

        assertProblem(
                hearth.postBytes("/v1/artifacts?name=a.jar", "application/json", uniqueJar()),
                415,
                "UNSUPPORTED_MEDIA_TYPE");

        String boundary = "hearth-" + UUID.randomUUID();
        HttpResponse<String> noFile = postForm(boundary, form(boundary, Map.of("name", "a.jar"), null, null));
        assertProblem(noFile, 400, "INVALID_PARAMETER_VALUE");
        assertThat(json(noFile.body()).get("field").asText()).isEqualTo("file");
    }

    @Test
    void unknownArtifactsAnswer404() {
        assertProblem(hearth.get("/v1/artifacts/nope"), 404, "NOT_FOUND");
        assertProblem(hearth.delete("/v1/artifacts/nope"), 404, "NOT_FOUND");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String errorCode) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(response.body()).get("error_code").asText()).isEqualTo(errorCode);
    }

    private static HttpResponse<String> postForm(String boundary, byte[] body) {
        return hearth.send(HttpRequest.newBuilder(hearth.uri("/v1/artifacts"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** A multipart/form-data body with text fields and, unless null, a file part named "file". */
    private static byte[] form(String boundary, Map<String, String> fields, String fileName, byte[] file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + fileName + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        java.util.Random random = new java.util.Random(42);
        while (text.length() < length) {
            text.append(Long.toString(random.nextLong(), 36));
        }
        return text.toString();
    }
}
