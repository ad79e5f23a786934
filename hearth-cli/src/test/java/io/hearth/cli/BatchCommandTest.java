package io.hearth.cli;

import static io.hearth.cli.TestingCli.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.TestingCli.Run;
import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import io.hearth.server.batch.TestingBatchLauncher;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth batch} through main, with real processes: tiny mains compiled into a jar on the
 * fly, uploaded with {@code hearth upload}, run by the gateway's {@link TestingBatchLauncher} (plain
 * java, no Spark).
 */
class BatchCommandTest {
    private static final Map<String, String> APPS = Map.of("apps.Hello", """
            package apps;
            public class Hello {
                public static void main(String[] args) {
                    System.out.println("hello " + String.join(" ", args));
                }
            }
            """, "apps.Boom", """
            package apps;
            public class Boom {
                public static void main(String[] args) {
                    System.out.println("about to fail");
                    throw new IllegalStateException("the test batch failed on purpose");
                }
            }
            """, "apps.Sleeper", """
            package apps;
            public class Sleeper {
                public static void main(String[] args) throws Exception {
                    System.out.println("sleeping");
                    Thread.sleep(600_000);
                }
            }
            """);

    @TempDir
    static Path directory;

    private static TestingHearth hearth;
    private static TestingCli cli;
    private static String artifactId;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(
                directory.resolve("data"), Map.of("batch.kill-grace-period", "2s"), new TestingBatchLauncher());
        cli = new TestingCli(hearth.uri(""));
        Path jar = TestJars.compile(directory.resolve("apps"), APPS);
        Run upload = cli.run("upload", "--quiet", jar.toString());
        assertThat(upload.exitCode()).as(upload.err()).isZero();
        artifactId = upload.out().strip();
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void aBatchThatSucceedsExitsWithZeroAndItsLogAndStatusCanBeRead() {
        Run submit = cli.run(
                "batch",
                "submit",
                "--artifact",
                artifactId,
                "--class",
                "apps.Hello",
                "--conf",
                "spark.driver.memory=64m",
                "--",
                "big",
                "--data");

        assertThat(submit.exitCode()).as(submit.err()).isZero();
        assertThat(submit.out()).matches("[\\w-]+\\R");
        assertThat(submit.err()).isEmpty();
        String batchId = submit.out().strip();

        assertThat(cli.run("batch", "log", batchId).out()).isEqualTo(lines("hello big --data"));
        Run status = cli.run("batch", "status", batchId);
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out())
                .startsWith("batch_id: ")
                .containsPattern("(?m)^state:\\s+SUCCEEDED$")
                .containsPattern("(?m)^class_name:\\s+apps.Hello$")
                .containsPattern("(?m)^args:\\s+big --data$")
                .containsPattern("(?m)^exit_code:\\s+0$")
                .containsPattern("(?m)^conf.spark.driver.memory:\\s+64m$");
        Run list = cli.run("batch", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("BATCH_ID").contains(batchId);
    }

    @Test
    void aBatchThatFailsExitsWithOneAndPrintsItsError() {
        Run submit = cli.run("batch", "submit", "--artifact", artifactId, "--class", "apps.Boom");

        assertThat(submit.exitCode()).isEqualTo(1);
        assertThat(submit.err())
                .isEqualTo(lines("ERROR APPLICATION_FAILED: the application exited with status 1:"
                        + " java.lang.IllegalStateException: the test batch failed on purpose"));
        String batchId = submit.out().strip();
        assertThat(cli.run("batch", "log", batchId, "-n", "50").out()).contains("about to fail");
        Run status = cli.run("batch", "status", batchId);
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).containsPattern("(?m)^state:\\s+FAILED$");
        assertThat(status.err()).isEqualTo(submit.err());
    }

    @Test
    void anAsyncBatchCanBeKilled() {
        Run submit = cli.run("batch", "submit", "--async", "--artifact", artifactId, "--class", "apps.Sleeper");
        assertThat(submit.exitCode()).as(submit.err()).isZero();
        String batchId = submit.out().strip();
        Run running = cli.run("batch", "status", batchId);
        assertThat(running.exitCode()).isZero();
        assertThat(running.out()).containsPattern("(?m)^state:\\s+(PENDING|RUNNING)$");

        Run kill = cli.run("batch", "kill", batchId);

        assertThat(kill.exitCode()).as(kill.err()).isZero();
        assertThat(kill.out()).isEqualTo(lines(batchId + " KILLED"));
        Run killed = cli.run("batch", "status", batchId);
        assertThat(killed.exitCode()).isEqualTo(4);
        assertThat(killed.err()).isEqualTo(lines("ERROR CANCELED: batch " + batchId + " was killed"));
    }

    @Test
    void aTimeoutKillsTheBatchAndExitsWithFive() {
        Run submit =
                cli.run("batch", "submit", "--timeout", "300ms", "--artifact", artifactId, "--class", "apps.Sleeper");

        assertThat(submit.exitCode()).isEqualTo(5);
        String batchId = submit.out().strip();
        assertThat(submit.err())
                .isEqualTo(lines("ERROR TIMEOUT: batch " + batchId + " did not finish within 0.3s; it was killed"));
        assertThat(cli.run("batch", "status", batchId).exitCode()).isEqualTo(4);
    }

    @Test
    void progressIsDrawnOnStderrWhileWaiting() {
        Run submit = cli.run("--progress", "batch", "submit", "--artifact", artifactId, "--class", "apps.Hello");

        assertThat(submit.exitCode()).as(submit.err()).isZero();
        assertThat(submit.err()).contains("\r").contains(submit.out().strip());
    }

    @Test
    void badSubmissionsAreUsageOrServerErrors() {
        assertThat(cli.run("batch", "submit", "--class", "apps.Hello").exitCode())
                .as("no --artifact")
                .isEqualTo(2);
        Run unknown = cli.run("batch", "submit", "--artifact", "no-such-artifact", "--class", "apps.Hello");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).startsWith("ERROR ").contains("(field artifact_id)");
        Run missing = cli.run("batch", "status", "no-such-batch");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).startsWith("ERROR NOT_FOUND: ");
    }
}
