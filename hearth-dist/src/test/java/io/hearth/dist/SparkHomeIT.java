package io.hearth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a Spark home configured, engines start through {@code $SPARK_HOME/bin/spark-submit}, and
 * the engine's own jars that Spark lacks travel with {@code --jars}.
 */
class SparkHomeIT {
    @TempDir
    Path directory;

    @Test
    void enginesStartThroughSparkSubmitOfTheSparkHome() throws Exception {
        Path sparkHome = sparkHome(directory.resolve("spark"));
        try (TestingHearth hearth = TestingHearth.startWithRealEngines(
                directory.resolve("data"),
                RealEngineIT.DISTRIBUTION,
                Map.of("engine.spark-home", sparkHome.toString(), "engine.master", "local[1]"))) {
            JsonNode answer = hearth.submit("{\"statement\": \"select 6 * 7 as answer\", \"wait_timeout\": \"50s\"}");
            JsonNode done = answer.at("/status/state").asText().equals("SUCCEEDED")
                    ? answer
                    : hearth.awaitStatement(
                            answer.at("/statement_id").asText(),
                            statement -> statement.at("/status/state").asText().matches("SUCCEEDED|FAILED"),
                            java.time.Duration.ofMinutes(2));
            assertThat(done.at("/result/data_array/0/0").asInt())
                    .as(done.toString())
                    .isEqualTo(42);
            assertThat(Files.readString(sparkHome.resolve("submitted.txt")))
                    .as("the arguments spark-submit was called with")
                    .contains("--master local[1]")
                    .contains("--driver-memory 2g")
                    .containsPattern("--jars \\S*grpc-api-\\S*\\.jar");
        }
    }

    /**
     * A Spark home laid out like Spark's distribution: jars/ with Spark's jars (not the engine's
     * gRPC or Hearth jars), and a bin/spark-submit that runs SparkSubmit over them, as Spark's
     * own script does, recording its arguments.
     */
    private static Path sparkHome(Path home) throws IOException {
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("bin"));
        try (Stream<Path> jars = Files.list(RealEngineIT.DISTRIBUTION.resolve("engine"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                String name = jar.getFileName().toString();
                if (!name.startsWith("hearth-") && !name.startsWith("grpc-")) {
                    Files.createSymbolicLink(home.resolve("jars").resolve(name), jar.toAbsolutePath());
                }
            }
        }
        Path script = home.resolve("bin").resolve("spark-submit");
        Files.writeString(script, """
                #!/usr/bin/env bash
                home="$(cd "$(dirname "$0")/.." && pwd)"
                echo "$@" > "$home/submitted.txt"
                exec java -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED \\
                  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \\
                  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \\
                  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \\
                  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED \\
                  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \\
                  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \\
                  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \\
                  -cp "$home/jars/*" org.apache.spark.deploy.SparkSubmit "$@"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
