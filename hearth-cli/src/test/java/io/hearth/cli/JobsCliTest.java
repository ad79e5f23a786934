package io.hearth.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth functions}, {@code run}, {@code jobs}, {@code logs}, {@code cancel --job} and
 * {@code engines objects} through the CLI's main entry, against a real gateway in-process whose
 * testing engine knows the fake job classes {@code testing.Echo}, {@code Rows}, {@code Fail},
 * {@code Block} and {@code Persist}.
 */
class JobsCliTest {
    @TempDir
    static Path directory;

    private static TestingHearth hearth;
    private static String artifactId;

    @BeforeAll
    static void start() throws IOException {
        // the testing engine sends batches of 1000 rows; a chunk closes after one batch
        hearth = TestingHearth.start(directory.resolve("data"), Map.of("result.chunk-max-rows", "1000"));
        // the testing engine knows its job classes by name; the artifact only has to be a jar
        Path jar = Files.write(directory.resolve("jobs.jar"), TestJars.jar(Map.of("README.txt", "fake jobs")));
        artifactId = hearth.uploadArtifact(jar);
        register("echo", "testing.Echo");
        register("rows", "testing.Rows");
        register("fail", "testing.Fail");
        register("block", "testing.Block");
        register("persist", "testing.Persist");
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void functionsShowPrintsTheParameterSchemaReadably() {
        Run run = hearth("functions", "show", "echo");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out)
                .startsWith(lines("name:       echo", "class:      testing.Echo", "artifact:   " + artifactId))
                .contains(lines("result:     testing.Echo$Parameters"))
                .endsWith(lines(
                        "parameters: (hearth run echo NAME=VALUE ...)",
                        "  NAME  TYPE     REQUIRED  NOTES",
                        "  n     integer  yes",
                        "  word  string   yes"));
        assertThat(hearth("functions", "show", "fail").out).endsWith(lines("parameters: none"));
    }

    @Test
    void functionsRegisterListAndDelete() {
        Run registered = hearth("functions", "register", "--artifact", artifactId, "--class", "testing.Rows", "rows-2");
        assertThat(registered.exitCode).as(registered.err).isZero();
        assertThat(registered.out)
                .startsWith(lines("name:       rows-2"))
                .contains("  rows  integer  yes       minimum 0");

        Run list = hearth("functions");
        assertThat(list.exitCode).as(list.err).isZero();
        assertThat(list.out).startsWith("NAME").contains("rows-2 ", "testing.Rows");

        Run deleted = hearth("functions", "delete", "rows-2");
        assertThat(deleted.exitCode).as(deleted.err).isZero();
        assertThat(deleted.out).isEqualTo(lines("deleted function rows-2"));
        Run gone = hearth("functions", "show", "rows-2");
        assertThat(gone.exitCode).isEqualTo(3);
        assertThat(gone.err).startsWith("ERROR NOT_FOUND: ");

        Run refused = hearth("functions", "register", "--artifact", artifactId, "--class", "com.example.Nope", "nope");
        assertThat(refused.exitCode).isEqualTo(3);
        assertThat(refused.err)
                .startsWith("ERROR INVALID_FUNCTION: ")
                .contains("com.example.Nope was not found in the artifact");
    }

    @Test
    void runPrintsTheValueAsJson() {
        Run pretty = hearth("run", "echo", "n=3", "word=to be");
        assertThat(pretty.exitCode).as(pretty.err).isZero();
        assertThat(pretty.out).isEqualTo(lines("{", "  \"n\" : 3,", "  \"word\" : \"to be\"", "}"));
        assertThat(pretty.err)
                .as("no progress bar when stderr is not a terminal")
                .isEmpty();

        Run compact = hearth("run", "echo", "--json", "{\"n\": 4, \"word\": \"x\"}", "word=y", "--format", "json");
        assertThat(compact.exitCode).as(compact.err).isZero();
        assertThat(compact.out).isEqualTo(lines("{\"n\":4,\"word\":\"y\"}"));
    }

    @Test
    void runPrintsADatasetAsATableOrAsCsvToAFile() throws IOException {
        Run table = hearth("run", "rows", "rows=3");
        assertThat(table.exitCode).as(table.err).isZero();
        assertThat(table.out).isEqualTo(lines(" id", "----", "  0", "  1", "  2", "(3 rows)"));

        Path file = directory.resolve("out").resolve("rows.csv");
        Run csv = hearth("run", "rows", "rows=2500", "--format", "csv", "--output", file.toString());
        assertThat(csv.exitCode).as(csv.err).isZero();
        assertThat(csv.out).isEmpty();
        String expected = "id\r\n"
                + LongStream.range(0, 2500).mapToObj(Long::toString).collect(Collectors.joining("\r\n")) + "\r\n";
        assertThat(Files.readString(file, UTF_8)).isEqualTo(expected);
    }

    @Test
    void invalidParametersExitWithTwoListingEveryBadField() {
        Run run = hearth("run", "echo", "n=three", "extra=1");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err.lines().toList())
                .first()
                .asString()
                .startsWith("ERROR INVALID_PARAMETER_VALUE: the parameters do not fit function echo")
                .endsWith("(field parameters)");
        assertThat(run.err.lines().skip(1).map(line -> line.split(":")[0]).toList())
                .containsExactlyInAnyOrder("  n", "  word", "  extra");
        assertThat(run.err).contains("  word: required property 'word' not found");

        assertThat(hearth("run", "echo", "n").exitCode).isEqualTo(2);
        Run notJson = hearth("run", "echo", "--json", "{n: 1");
        assertThat(notJson.exitCode).isEqualTo(2);
        assertThat(notJson.err).startsWith("ERROR: --json is not JSON");
    }

    @Test
    void aFailedJobExitsWithOneAndPrintsItsError() {
        Run run = hearth("run", "fail");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).isEqualTo(lines("ERROR JOB_FAILED: the testing job was told to fail"));
    }

    @Test
    void aTimeoutCancelsTheJobAndExitsWithFive() {
        Run run = hearth("run", "--timeout", "300ms", "block");

        assertThat(run.exitCode).isEqualTo(5);
        assertThat(run.err).startsWith("ERROR TIMEOUT: job ").contains("did not finish within 0.3s; it was canceled");
        String jobId = run.err.split(" ")[3];
        assertThat(awaitRun(
                                () -> hearth("status", "--job", jobId),
                                status -> status.out.startsWith(jobId + " CANCELED"))
                        .exitCode)
                .isEqualTo(4);
    }

    @Test
    void asyncRunThenStatusLogsJobsShowAndCancelByJobId() {
        Run submitted = hearth("run", "--async", "block");
        assertThat(submitted.exitCode).as(submitted.err).isZero();
        String jobId = submitted.out.strip();

        Run log = awaitRun(() -> hearth("logs", jobId), run -> run.out.contains("blocking"));
        assertThat(log.exitCode).isZero();
        assertThat(log.out).containsPattern("\\S+ INFO blocking\\R");
        Run status = hearth("status", "--job", jobId);
        assertThat(status.exitCode).isZero();
        assertThat(status.out).matches("(?s)" + jobId + " (PENDING|RUNNING)\\Rfunction: block\\Rparameters: \\{}\\R.*");
        assertThat(hearth("status", jobId).out)
                .as("an id that is no statement is looked up as a job")
                .startsWith(jobId + " ");
        assertThat(hearth("jobs", "show", jobId).out).startsWith(jobId + " ");

        Run cancel = hearth("cancel", "--job", jobId);
        assertThat(cancel.exitCode).as(cancel.err).isZero();
        assertThat(cancel.out).startsWith(jobId + " ");

        Run canceled = awaitRun(() -> hearth("jobs", "show", jobId), run -> run.out.startsWith(jobId + " CANCELED"));
        assertThat(canceled.exitCode).isEqualTo(4);
        assertThat(canceled.err).isEqualTo(lines("ERROR CANCELED: job " + jobId + " was canceled"));
        Run followed = hearth("logs", "--follow", jobId);
        assertThat(followed.exitCode).as("--follow exits as the job ended").isEqualTo(4);
        assertThat(followed.out).contains("INFO blocking");
    }

    @Test
    void cancelDetectsAJobByItsId() {
        String jobId = hearth("run", "--async", "block").out.strip();

        Run cancel = hearth("cancel", jobId);

        assertThat(cancel.exitCode).as(cancel.err).isZero();
        assertThat(cancel.out).startsWith(jobId + " ");
        awaitRun(() -> hearth("status", "--job", jobId), run -> run.out.startsWith(jobId + " CANCELED"));
        Run neither = hearth("cancel", "no-such-work");
        assertThat(neither.exitCode).isEqualTo(3);
        assertThat(neither.err).startsWith("ERROR NOT_FOUND: ");
    }

    @Test
    void logsFollowsAJobUntilItEnds() {
        String jobId = hearth("run", "--async", "echo", "n=1", "word=hello").out.strip();

        Run run = hearth("logs", "--follow", jobId);

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out
                        .lines()
                        .filter(line -> line.endsWith(" INFO echo hello"))
                        .count())
                .as("each line once")
                .isEqualTo(1);
    }

    @Test
    void jobsListsNewestFirstAndResultPrintsAFinishedJobAgain() {
        String older = hearth("run", "--async", "echo", "n=1", "word=a").out.strip();
        String newer = hearth("run", "--async", "rows", "rows=2").out.strip();
        awaitRun(() -> hearth("status", "--job", newer), run -> run.out.startsWith(newer + " SUCCEEDED"));

        Run list = hearth("jobs", "--limit", "1");

        assertThat(list.exitCode).as(list.err).isZero();
        assertThat(list.out.lines().toList()).hasSize(3);
        assertThat(list.out)
                .startsWith("JOB_ID")
                .contains(newer)
                .doesNotContain(older)
                .contains("--page-token ");
        Run result = hearth("result", "--job", newer, "--format", "csv");
        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).isEqualTo("id\r\n0\r\n1\r\n");
    }

    @Test
    void enginesObjectsListsWhatJobsKept() {
        Run persisted = hearth("run", "persist", "name=numbers");
        assertThat(persisted.exitCode).as(persisted.err).isZero();
        assertThat(persisted.out).isEqualTo(lines("\"numbers\""));
        String engineId =
                hearth("engines").out.lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];

        Run objects = hearth("engines", "objects", engineId);

        assertThat(objects.exitCode).as(objects.err).isZero();
        assertThat(objects.out).startsWith("NAME").containsPattern("numbers\\s+DATASET\\s+STRUCT<id: BIGINT NOT NULL>");
    }

    @Test
    void helpAndCompletionKnowTheJobVerbs() {
        Run help = hearth("--help");
        assertThat(help.out).contains("functions", "run", "jobs", "logs");
        Run completion = hearth("completion");
        assertThat(completion.out).contains("functions", "jobs", "logs", "objects");
    }

    private static void register(String name, String className) {
        Run run = hearth("functions", "register", "--artifact", artifactId, "--class", className, name);
        assertThat(run.exitCode).as(run.err).isZero();
    }

    private static Run awaitRun(Supplier<Run> command, Predicate<Run> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Run run = command.get();
            if (done.test(run)) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not there within 10s: " + run);
            }
            Thread.onSpinWait();
        }
    }

    private static Run hearth(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(
                new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8),
                new ByteArrayInputStream(new byte[0]),
                Map.of(HearthCli.ENV_SERVER, hearth.uri("").toString()),
                false);
        int exitCode = HearthCli.run(context, args);
        return new Run(exitCode, out.toString(UTF_8), err.toString(UTF_8));
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private record Run(int exitCode, String out, String err) {}
}
