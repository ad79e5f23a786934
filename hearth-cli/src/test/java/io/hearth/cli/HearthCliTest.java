package io.hearth.cli;

import static io.hearth.cli.TestingCli.lines;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.TestingCli.Run;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth} through its main entry, against a real gateway in-process with its testing engine. */
class HearthCliTest {
    @TempDir
    Path directory;

    private TestingHearth hearth;

    @BeforeEach
    void start() throws IOException {
        // the testing engine sends batches of 1000 rows; a chunk closes after one batch
        hearth = TestingHearth.start(directory.resolve("data"), Map.of("result.chunk-max-rows", "1000"));
    }

    @AfterEach
    void stop() {
        hearth.close();
    }

    @Test
    void sqlPrintsAnAlignedTableWithARowCount() {
        Run run = hearth("sql", "select * from range(3)");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(lines(" id", "----", "  0", "  1", "  2", "(3 rows)"));
        assertThat(run.err())
                .as("no progress bar when stderr is not a terminal")
                .isEmpty();
    }

    @Test
    void sqlWritesCsvToAFileChunkByChunkWithOneHeader() throws IOException {
        Path file = directory.resolve("out").resolve("result.csv");

        Run run = hearth("sql", "range(2500)", "--format", "csv", "--output", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        String expected = "id\r\n"
                + LongStream.range(0, 2500).mapToObj(Long::toString).collect(Collectors.joining("\r\n")) + "\r\n";
        assertThat(Files.readString(file, UTF_8)).isEqualTo(expected);
    }

    @Test
    void sqlWritesJsonLines() {
        Run run = hearth("sql", "--format", "json", "range(2)");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("{\"id\":0}\n{\"id\":1}\n");
    }

    @Test
    void sqlWritesBsonDocumentsOfEveryChunk() throws IOException {
        Path file = directory.resolve("result.bson");

        Run run = hearth("sql", "--format", "bson", "-o", file.toString(), "range(2500)");

        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] bytes = Files.readAllBytes(file);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long rows = 0;
        long sum = 0;
        for (int offset = 0; offset < bytes.length; offset += buffer.getInt(offset)) {
            org.bson.RawBsonDocument document = new org.bson.RawBsonDocument(bytes, offset, buffer.getInt(offset));
            sum += document.getInt64("id").getValue();
            rows++;
        }
        assertThat(rows).isEqualTo(2500);
        assertThat(sum).isEqualTo(2499L * 2500 / 2);
    }

    @Test
    void sqlWritesOneArrowStreamOfEveryChunk() throws IOException {
        Path file = directory.resolve("result.arrow");

        Run run = hearth("sql", "--format", "arrow", "-o", file.toString(), "range(2500)");

        assertThat(run.exitCode()).as(run.err()).isZero();
        long rows = 0;
        long sum = 0;
        try (BufferAllocator allocator = new RootAllocator();
                InputStream in = Files.newInputStream(file);
                ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
            while (reader.loadNextBatch()) {
                BigIntVector ids = (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
                for (int i = 0; i < ids.getValueCount(); i++) {
                    sum += ids.get(i);
                    rows++;
                }
            }
        }
        assertThat(rows).isEqualTo(2500);
        assertThat(sum).isEqualTo(2499L * 2500 / 2);
    }

    @Test
    void sqlRunsAScriptFileStatementByStatement() throws IOException {
        Path script = directory.resolve("two.sql");
        Files.writeString(script, "range(2);\n-- the second one\nrange(1); -- done\n", UTF_8);

        Run run = hearth("sql", "-f", script.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(lines(" id", "----", "  0", "  1", "(2 rows)", " id", "----", "  0", "(1 row)"));
    }

    @Test
    void sqlReadsStdinAndBindsParameters() {
        Run run = hearthWithInput("range(:n)", "sql", "-f", "-", "-P", "n:BIGINT=2", "--format", "csv");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("id\r\n0\r\n1\r\n");
    }

    @Test
    void aFailedStatementExitsWithOneAndPrintsItsErrorAndSqlState() throws IOException {
        Path script = directory.resolve("fails.sql");
        Files.writeString(script, "fail TABLE_OR_VIEW_NOT_FOUND 42P01; range(1)", UTF_8);

        Run run = hearth("sql", "-f", script.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo(lines("ERROR TABLE_OR_VIEW_NOT_FOUND [42P01]: the testing engine was told to fail"));
        assertThat(run.out()).as("the script stops at the failure").isEmpty();
    }

    @Test
    void aTimeoutCancelsTheStatementAndExitsWithFive() {
        Run run = hearth("sql", "--timeout", "300ms", "block");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err())
                .startsWith("ERROR TIMEOUT: statement ")
                .contains("did not finish within 0.3s; it was canceled");
        String statementId = run.err().split(" ")[3];
        assertThat(awaitStatus(statementId, "CANCELED").exitCode()).isEqualTo(4);
    }

    @Test
    void asyncSubmissionThenStatusCancelAndResult() {
        Run submitted = hearth("sql", "--async", "block");
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        String statementId = submitted.out().strip();

        Run status = hearth("status", statementId);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).matches(statementId + " (PENDING|RUNNING)\\R");

        Run cancel = hearth("cancel", statementId);
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(cancel.out()).startsWith(statementId + " ");

        Run canceled = awaitStatus(statementId, "CANCELED");
        assertThat(canceled.exitCode()).isEqualTo(4);
        assertThat(canceled.err()).isEqualTo(lines("ERROR CANCELED: statement " + statementId + " was canceled"));
        assertThat(hearth("result", statementId).exitCode()).isEqualTo(4);
    }

    @Test
    void resultPrintsAFinishedStatementAgainInAnotherFormat() {
        String statementId = hearth("sql", "--async", "range(3)").out().strip();
        assertThat(awaitStatus(statementId, "SUCCEEDED").out()).contains("result: 3 rows in 1 chunks");

        Run run = hearth("result", statementId, "--format", "csv");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("id\r\n0\r\n1\r\n2\r\n");
    }

    @Test
    void statementsListsNewestFirst() {
        hearth("sql", "range(1)");
        hearth("sql", "range(2)");

        Run run = hearth("statements", "--limit", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(3);
        assertThat(run.out())
                .startsWith("STATEMENT_ID")
                .contains("SUCCEEDED")
                .contains("range(2)")
                .contains("--page-token ");
        assertThat(run.out()).doesNotContain("range(1)");
    }

    @Test
    void enginesListsShowsTheLogAndStops() {
        hearth("sql", "range(1)");

        Run list = hearth("engines");
        assertThat(list.exitCode()).as(list.err()).isZero();
        String engineId = list.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(engineId).startsWith("engine-");

        assertThat(hearth("engines", "log", engineId, "--lines", "5").exitCode())
                .isZero();
        Run stop = hearth("engines", "stop", engineId);
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).startsWith(engineId + " ");

        Run missing = hearth("engines", "stop", "engine-nope");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).isEqualTo(lines("ERROR NOT_FOUND: engine engine-nope does not exist"));
    }

    @Test
    void anUnreachableServerExitsWithThreeNamingIt() throws IOException {
        String down;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = "http://127.0.0.1:" + socket.getLocalPort();
        }

        Run before = hearth("--server", down, "sql", "range(1)");
        Run after = hearth("sql", "range(1)", "--server", down.substring("http://".length()));

        assertThat(before.exitCode()).isEqualTo(3);
        assertThat(before.err()).startsWith("ERROR: cannot reach Hearth at " + down);
        assertThat(after.exitCode())
                .as("the option is accepted after the verb, without a scheme")
                .isEqualTo(3);
        assertThat(after.err()).startsWith("ERROR: cannot reach Hearth at " + down);
    }

    @Test
    void problemAnswersExitWithThreeAndNameTheirCode() {
        Run run = hearth("status", "no-such-statement");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("ERROR NOT_FOUND: ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(hearth("sql").exitCode()).isEqualTo(2);
        assertThat(hearth("sql", "--format", "xml", "range(1)").exitCode()).isEqualTo(2);
        assertThat(hearth("sql", "-P", "novalue", "range(1)").exitCode()).isEqualTo(2);
        assertThat(hearth("sql", "--timeout", "soon", "range(1)").exitCode()).isEqualTo(2);
        assertThat(hearth("nonsense").exitCode()).isEqualTo(2);
        Run server = hearth("server", "--port", "0");
        assertThat(server.exitCode()).isEqualTo(2);
        assertThat(server.err()).contains("bin/hearth");
    }

    @Test
    void progressIsDrawnOnStderrWhenAskedFor() {
        Run run = hearth("--progress", "sql", "range(10)");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("\r").contains("SUCCEEDED");
        assertThat(run.out()).endsWith("(10 rows)" + System.lineSeparator());
    }

    @Test
    void printsItsCompletionScriptAndHelp() {
        Run completion = hearth("completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out())
                .contains("complete -F")
                .contains("sql", "engines", "session", "upload", "artifacts", "batch")
                .as("nested verbs and their options")
                .contains("open", "submit", "kill", "--artifact", "--class", "--conf");

        Run help = hearth("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains("sql", "statements", "session", "upload", "artifacts", "batch", "engines", "server")
                .contains("HEARTH_SERVER", "Exit codes");
    }

    private Run awaitStatus(String statementId, String state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Run status = hearth("status", statementId);
            if (status.out().startsWith(statementId + " " + state) || System.nanoTime() > deadline) {
                assertThat(status.out()).startsWith(statementId + " " + state);
                return status;
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void eventsPrintsAStatementsEventsAsJsonLinesUntilItsEnd() {
        Run sql = hearth("sql", "select * from range(2)");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        String id = TestingHearth.json(hearth.get("/v1/statements").body())
                .at("/statements/0/statement_id")
                .asText();

        Run events = hearth("events", "--statement", id);

        assertThat(events.exitCode()).as(events.err()).isZero();
        java.util.List<String> lines = events.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"version\":1,").contains("\"type\":\"QUEUED\"", "\"id\":\"" + id + "\"");
        assertThat(lines.get(2)).contains("\"type\":\"SUCCEEDED\"", "\"manifest\"");

        Run mine = hearth("events", "--after", "0", "--max", "2");
        assertThat(mine.exitCode()).as(mine.err()).isZero();
        assertThat(mine.out().lines()).hasSize(2);
        assertThat(hearth("events", "--statement", "a", "--job", "b").exitCode())
                .isNotZero();
    }

    private Run hearth(String... args) {
        return new TestingCli(hearth.uri("")).run(args);
    }

    private Run hearthWithInput(String input, String... args) {
        return new TestingCli(hearth.uri("")).runWithInput(input, args);
    }
}
