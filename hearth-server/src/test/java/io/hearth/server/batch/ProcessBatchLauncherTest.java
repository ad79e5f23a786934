package io.hearth.server.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.engine.EngineConfig;
import io.hearth.server.engine.ImpersonationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessBatchLauncherTest {
    @TempDir
    Path home;

    private final BatchLaunch launch = new BatchLaunch(
            new BatchId("b-1"),
            "alice",
            Path.of("/data/batches/b-1.jar"),
            "com.example.WordCount",
            List.of("--input", "in.txt"),
            Map.of("spark.sql.shuffle.partitions", "2", "spark.driver.memory", "512m"),
            Path.of("/data/batches/b-1.log"));

    private EngineConfig engine(Optional<Path> sparkHome) {
        return new EngineConfig(
                home.resolve("engine"),
                sparkHome,
                Path.of("/opt/java/bin/java"),
                "local[2]",
                "2g",
                Map.of("spark.sql.shuffle.partitions", "8", "spark.ui.enabled", "false"),
                false,
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                3,
                home.resolve("logs"));
    }

    @Test
    void runsTheApplicationThroughSparkSubmitLikeAnEngine() throws IOException {
        Files.createDirectories(home.resolve("engine"));

        List<String> command =
                new ProcessBatchLauncher(engine(Optional.empty()), ImpersonationConfig.disabled()).command(launch);

        assertThat(command.get(0)).isEqualTo("/opt/java/bin/java");
        assertThat(command)
                .contains(
                        "-Xmx512m",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "org.apache.spark.deploy.SparkSubmit");
        assertThat(command).containsSequence("-cp", home.resolve("engine").toAbsolutePath() + "/*");
        assertThat(command).containsSequence("--master", "local[2]");
        assertThat(command).containsSequence("--class", "com.example.WordCount");
        assertThat(command).containsSequence("--name", "hearth-batch-b-1");
        assertThat(command).as("the batch's conf wins").containsSequence("--conf", "spark.sql.shuffle.partitions=2");
        assertThat(command).as("engine conf as defaults").containsSequence("--conf", "spark.ui.enabled=false");
        assertThat(command).containsSequence("/data/batches/b-1.jar", "--input", "in.txt");
        assertThat(command.subList(command.size() - 3, command.size()))
                .containsExactly("/data/batches/b-1.jar", "--input", "in.txt");
    }

    @Test
    void usesTheSparkHomesSparkSubmitWhenThereIsOne() throws IOException {
        Path sparkHome = home.resolve("spark");

        List<String> command = new ProcessBatchLauncher(engine(Optional.of(sparkHome)), ImpersonationConfig.disabled())
                .command(launch);

        assertThat(command.get(0))
                .isEqualTo(sparkHome.resolve("bin").resolve("spark-submit").toString());
        assertThat(command).containsSequence("--driver-memory", "512m");
        assertThat(command).doesNotContain("--jars", "org.apache.spark.deploy.SparkSubmit");
    }

    @Test
    void anEmbeddedLaunchWithoutTheEngineFolderIsAClearError() {
        assertThatThrownBy(() -> new ProcessBatchLauncher(engine(Optional.empty()), ImpersonationConfig.disabled())
                        .command(launch))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("engine.home");
    }

    @Test
    void withImpersonationABatchRunsAsItsOwner() throws IOException {
        Files.createDirectories(home.resolve("engine"));
        ImpersonationConfig on = new ImpersonationConfig(true, Map.of(), Optional.empty());

        List<String> command = new ProcessBatchLauncher(engine(Optional.empty()), on).command(launch);

        assertThat(command).containsSequence("--proxy-user", "alice");
        assertThat(command.indexOf("--proxy-user")).isLessThan(command.indexOf("/data/batches/b-1.jar"));
        assertThat(new ProcessBatchLauncher(engine(Optional.empty()), ImpersonationConfig.disabled()).command(launch))
                .doesNotContain("--proxy-user");
    }
}
