package io.hearth.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessEngineLauncherTest {
    @TempDir
    Path home;

    private final EngineLaunch launch = new EngineLaunch(
            "engine-1",
            "s3cret",
            "127.0.0.1:4000",
            Path.of("engine-1.log"),
            new EngineLaunch.Spec("local[2]", "2g", Map.of("spark.sql.shuffle.partitions", "4"), List.of()));

    private EngineConfig config(Optional<Path> sparkHome) {
        return new EngineConfig(
                home.resolve("engine"),
                sparkHome,
                Path.of("/opt/java/bin/java"),
                "local[2]",
                "2g",
                Map.of("spark.sql.shuffle.partitions", "4"),
                false,
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                3,
                home.resolve("logs"));
    }

    private void engineJars(String... names) throws IOException {
        Files.createDirectories(home.resolve("engine"));
        for (String name : names) {
            Files.createFile(home.resolve("engine").resolve(name));
        }
    }

    @Test
    void embeddedLaunchRunsSparkSubmitOverTheEngineFolderWithSparksJvmFlags() throws IOException {
        engineJars("hearth-engine-1.0.jar", "spark-core_2.13-4.2.0.jar", "grpc-api-1.85.0.jar");

        List<String> command = new ProcessEngineLauncher(config(Optional.empty())).command(launch);

        assertThat(command.get(0)).isEqualTo("/opt/java/bin/java");
        assertThat(command)
                .contains(
                        "-Xmx2g",
                        "-XX:+ExitOnOutOfMemoryError",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "org.apache.spark.deploy.SparkSubmit");
        assertThat(command).containsSequence("-cp", home.resolve("engine").toAbsolutePath() + "/*");
        assertThat(command).containsSequence("--master", "local[2]");
        assertThat(command).containsSequence("--class", "io.hearth.engine.EngineMain");
        assertThat(command).containsSequence("--conf", "spark.sql.shuffle.partitions=4");
        assertThat(command)
                .containsSequence(
                        home.resolve("engine")
                                .resolve("hearth-engine-1.0.jar")
                                .toAbsolutePath()
                                .toString(),
                        "--engine-id",
                        "engine-1",
                        "--gateway",
                        "127.0.0.1:4000");
        assertThat(String.join(" ", command))
                .as("the secret travels in the environment")
                .doesNotContain("s3cret");
    }

    @Test
    void aContextsMasterHeapAndJarsReachTheCommand() throws IOException {
        engineJars("hearth-engine-1.0.jar", "spark-core_2.13-4.2.0.jar");
        EngineLaunch forContext = new EngineLaunch(
                "engine-2",
                "s3cret",
                "127.0.0.1:4000",
                Path.of("engine-2.log"),
                new EngineLaunch.Spec(
                        "spark://10.0.0.5:7077",
                        "4g",
                        Map.of("spark.executor.memory", "1g"),
                        List.of(Path.of("/data/artifacts/a.jar"), Path.of("/data/artifacts/b.jar"))));

        List<String> command = new ProcessEngineLauncher(config(Optional.empty())).command(forContext);

        assertThat(command).containsSequence("--master", "spark://10.0.0.5:7077");
        assertThat(command).contains("-Xmx4g");
        assertThat(command).containsSequence("--conf", "spark.executor.memory=1g");
        assertThat(command).containsSequence("--conf", "spark.jars=/data/artifacts/a.jar,/data/artifacts/b.jar");
        assertThat(command).doesNotContain("spark.master=spark://10.0.0.5:7077");
    }

    @Test
    void aStandbyLaunchAddsTheStandbyFlagToTheEngineArguments() throws IOException {
        engineJars("hearth-engine-1.0.jar", "spark-core_2.13-4.2.0.jar");
        ProcessEngineLauncher launcher = new ProcessEngineLauncher(config(Optional.empty()));

        List<String> command = launcher.command(
                new EngineLaunch("engine-2", "s3cret", "127.0.0.1:4000", Path.of("engine-2.log"), launch.spec(), true));

        assertThat(command.subList(command.size() - 5, command.size()))
                .containsExactly("--engine-id", "engine-2", "--gateway", "127.0.0.1:4000", "--standby");
        assertThat(launcher.command(launch)).doesNotContain("--standby");
    }

    @Test
    void anImpersonatingLaunchRunsTheEngineAsItsUserInBothLaunchModes() throws IOException {
        engineJars("hearth-engine-1.0.jar", "spark-core_2.13-4.2.0.jar");
        Path sparkHome = home.resolve("spark");
        Files.createDirectories(sparkHome.resolve("jars"));
        EngineLaunch asAlice = new EngineLaunch(
                "engine-3",
                "s3cret",
                "127.0.0.1:4000",
                Path.of("engine-3.log"),
                launch.spec(),
                false,
                Optional.of("alice"));

        List<String> embedded = new ProcessEngineLauncher(config(Optional.empty())).command(asAlice);
        List<String> submitted = new ProcessEngineLauncher(config(Optional.of(sparkHome))).command(asAlice);

        for (List<String> command : List.of(embedded, submitted)) {
            assertThat(command).containsSequence("--proxy-user", "alice");
            assertThat(command.indexOf("--proxy-user"))
                    .as("a SparkSubmit option, before the application jar")
                    .isLessThan(command.indexOf("--engine-id"));
        }
        assertThat(new ProcessEngineLauncher(config(Optional.empty())).command(launch))
                .doesNotContain("--proxy-user");
        assertThatThrownBy(() -> new EngineLaunch(
                        "engine-4",
                        "s3cret",
                        "127.0.0.1:4000",
                        Path.of("x.log"),
                        launch.spec(),
                        true,
                        Optional.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sparkHomeLaunchUsesSparkSubmitAndShipsOnlyTheJarsSparkLacks() throws IOException {
        engineJars("hearth-engine-1.0.jar", "spark-core_2.13-4.2.0.jar", "grpc-api-1.85.0.jar");
        Path sparkHome = home.resolve("spark");
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.createFile(sparkHome.resolve("jars").resolve("spark-core_2.13-4.2.0.jar"));

        List<String> command = new ProcessEngineLauncher(config(Optional.of(sparkHome))).command(launch);

        assertThat(command.get(0))
                .isEqualTo(sparkHome.resolve("bin").resolve("spark-submit").toString());
        assertThat(command).containsSequence("--driver-memory", "2g");
        assertThat(command).containsSequence("--driver-java-options", "-XX:+ExitOnOutOfMemoryError");
        assertThat(command)
                .containsSequence(
                        "--jars",
                        home.resolve("engine")
                                .resolve("grpc-api-1.85.0.jar")
                                .toAbsolutePath()
                                .toString());
        assertThat(command).doesNotContain("org.apache.spark.deploy.SparkSubmit");
    }

    @Test
    void anEngineFolderWithoutTheEngineJarIsAClearError() throws IOException {
        engineJars("spark-core_2.13-4.2.0.jar");
        assertThatThrownBy(() -> new ProcessEngineLauncher(config(Optional.empty())).command(launch))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("holds no hearth-engine jar");
    }
}
