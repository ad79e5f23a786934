package io.hearth.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.artifact.ArtifactInfo;
import io.hearth.server.TestingHearth;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsTest {
    @TempDir
    Path directory;

    private TestingHearth hearth;
    private HearthClient client;

    @BeforeEach
    void start() throws IOException {
        hearth = TestingHearth.start(directory.resolve("data"), Map.of());
        client = HearthClient.builder().server(hearth.uri("")).build();
    }

    @AfterEach
    void stop() {
        client.close();
        hearth.close();
    }

    @Test
    void uploadsAJarThenListsFindsAndDeletesIt() throws Exception {
        Path jar = jar(directory.resolve("app.jar"), 200_000);

        ArtifactInfo uploaded = client.artifacts().upload(jar, "my-app.jar");

        assertThat(uploaded.name()).isEqualTo("my-app.jar");
        assertThat(uploaded.sizeBytes()).isEqualTo(Files.size(jar));
        assertThat(uploaded.sha256()).isEqualTo(sha256(jar));
        assertThat(client.artifacts().find(uploaded.artifactId())).isEqualTo(uploaded);
        assertThat(client.artifacts().upload(jar, null).name())
                .as("the file's name by default")
                .isEqualTo("app.jar");
        assertThat(client.artifacts().list()).extracting(ArtifactInfo::name).containsExactly("app.jar", "my-app.jar");

        client.artifacts().delete(uploaded.artifactId());

        assertThat(client.artifacts().list()).extracting(ArtifactInfo::name).containsExactly("app.jar");
        assertThatThrownBy(() -> client.artifacts().find(uploaded.artifactId()))
                .isInstanceOfSatisfying(
                        HearthClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> client.artifacts().delete(uploaded.artifactId()))
                .isInstanceOfSatisfying(
                        HearthClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void somethingThatIsNotAJarIsATypedError() throws IOException {
        Path notes = Files.writeString(directory.resolve("notes.jar"), "just text", UTF_8);

        assertThatThrownBy(() -> client.artifacts().upload(notes, null))
                .isInstanceOfSatisfying(HearthClientException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARTIFACT);
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("not a readable jar");
                });
        assertThat(client.artifacts().list()).isEmpty();
    }

    @Test
    void aMissingFileIsNotSent() {
        assertThatThrownBy(() -> client.artifacts().upload(directory.resolve("missing.jar"), null))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("missing.jar");
    }

    /** A jar with one text entry of about {@code bytes} bytes, built here with java.util.jar. */
    static Path jar(Path file, int bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out, new Manifest())) {
            jar.putNextEntry(new JarEntry("data.txt"));
            StringBuilder text = new StringBuilder();
            for (int i = 0; text.length() < bytes; i++) {
                text.append(Integer.toHexString(i * 0x9E3779B9)).append('\n');
            }
            jar.write(text.toString().getBytes(UTF_8));
            jar.closeEntry();
        }
        return file;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
