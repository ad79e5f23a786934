package io.hearth.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.TestingCli.Run;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.io.OutputStream;
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

/** {@code hearth upload} and {@code hearth artifacts} through main, against a real gateway. */
class ArtifactCommandsTest {
    @TempDir
    Path directory;

    private TestingHearth hearth;
    private TestingCli cli;

    @BeforeEach
    void start() throws IOException {
        hearth = TestingHearth.start(directory.resolve("data"), Map.of());
        cli = new TestingCli(hearth.uri(""));
    }

    @AfterEach
    void stop() {
        hearth.close();
    }

    @Test
    void uploadPrintsIdShaAndSizeThenListShowAndDelete() throws Exception {
        Path jar = jar(directory.resolve("app.jar"));

        Run upload = cli.run("upload", jar.toString());

        assertThat(upload.exitCode()).as(upload.err()).isZero();
        assertThat(upload.out())
                .startsWith("artifact_id: ")
                .containsPattern("(?m)^name:\\s+app.jar$")
                .containsPattern("(?m)^sha256:\\s+" + sha256(jar) + "$")
                .containsPattern("(?m)^size_bytes:\\s+" + Files.size(jar) + "$");
        String artifactId = upload.out().lines().findFirst().orElseThrow().split("\\s+")[1];

        Run quiet = cli.run("upload", "-q", "--name", "renamed.jar", jar.toString());
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).matches("[\\w-]+\\R");

        Run list = cli.run("artifacts");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).hasSize(3);
        assertThat(list.out()).startsWith("ARTIFACT_ID").contains(artifactId, "app.jar", "renamed.jar");

        Run show = cli.run("artifacts", "show", artifactId);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).isEqualTo(upload.out());

        Run delete = cli.run("artifacts", "delete", artifactId);
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).isEqualTo(TestingCli.lines(artifactId + " deleted"));
        Run gone = cli.run("artifacts", "show", artifactId);
        assertThat(gone.exitCode()).isEqualTo(3);
        assertThat(gone.err()).startsWith("ERROR NOT_FOUND: ");
    }

    @Test
    void uploadingSomethingThatIsNotAJarExitsWithThreeAndSaysSo() throws IOException {
        Path notes = Files.writeString(directory.resolve("notes.jar"), "just text", UTF_8);

        Run run = cli.run("upload", notes.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("ERROR INVALID_ARTIFACT: ").contains("not a readable jar");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void uploadingAMissingFileIsAUsageError() {
        Run run = cli.run("upload", directory.resolve("missing.jar").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file: ").contains("missing.jar");
    }

    /** A small jar, built here with java.util.jar. */
    private static Path jar(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out, new Manifest())) {
            jar.putNextEntry(new JarEntry("hello.txt"));
            jar.write("hello from a test jar".getBytes(UTF_8));
            jar.closeEntry();
        }
        return file;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
