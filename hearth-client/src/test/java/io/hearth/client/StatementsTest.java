package io.hearth.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.OnWaitTimeout;
import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.statement.ResultSink;
import io.hearth.api.statement.SinkResult;
import io.hearth.api.statement.StatementList;
import io.hearth.api.statement.StatementParameter;
import io.hearth.api.statement.StatementRequest;
import io.hearth.api.statement.StatementResponse;
import io.hearth.client.arrow.ArrowChunks;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK against a real gateway (in-process, with its testing engine that knows range(N), fail, block). */
class StatementsTest {
    @TempDir
    Path dataDirectory;

    private TestingHearth hearth;
    private HearthClient client;

    @BeforeEach
    void start() throws IOException {
        // the testing engine sends batches of 1000 rows; a chunk closes after one batch
        hearth = TestingHearth.start(dataDirectory, Map.of("result.chunk-max-rows", "1000"));
        client = HearthClient.builder()
                .server(hearth.uri(""))
                .pollInterval(Duration.ofMillis(10), Duration.ofMillis(50))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        hearth.close();
    }

    @Test
    void readsTypedRowsChunkByChunk() {
        StatementResponse done = client.statements().execute(request("select * from range(2500)", null), null);

        assertThat(done.status().state()).isEqualTo(StatementState.SUCCEEDED);
        assertThat(done.manifest().totalChunkCount()).isEqualTo(3);
        List<Long> ids = new ArrayList<>();
        try (ResultRows rows = client.statements().rows(done)) {
            assertThat(rows.columns()).extracting(column -> column.name()).containsExactly("id");
            rows.forEachRemaining(row -> ids.add(row.get("id", Long.class)));
        }
        assertThat(ids).hasSize(2500).startsWith(0L, 1L).endsWith(2498L, 2499L);
        assertThat(ids).isSorted();
    }

    @Test
    void aSinkStatementAnswersWithTheRowsWrittenAndBsonChunksAreFetched() throws IOException {
        StatementResponse written = client.statements()
                .execute(
                        new StatementRequest(
                                "select * from range(42)",
                                List.of(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                new ResultSink("reports.daily", null, ResultSink.SinkMode.APPEND)),
                        null);

        assertThat(written.status().state()).isEqualTo(StatementState.SUCCEEDED);
        assertThat(written.manifest().totalChunkCount()).isZero();
        assertThat(written.sink()).isEqualTo(new SinkResult("reports.daily", null, ResultSink.SinkMode.APPEND, 42L));

        StatementResponse done = client.statements().execute(request("select * from range(3)", null), null);
        assertThat(done.sink()).isNull();
        try (InputStream bson = client.statements().fetchChunk(done.statementId(), 0, ResultFormat.BSON)) {
            byte[] bytes = bson.readAllBytes();
            assertThat(new org.bson.RawBsonDocument(bytes, 0, bytes[0] & 0xff)
                            .getInt64("id")
                            .getValue())
                    .isZero();
        }
    }

    @Test
    void queryBindsNothingAndStreamsRows() {
        try (ResultRows rows = client.statements().query("range(3)")) {
            assertThat(rows.stream().map(row -> row.get(0))).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void sendsNamedParameters() {
        StatementRequest request = new StatementRequest(
                "range(:n)", List.of(new StatementParameter("n", "4", "BIGINT")), "5s", null, null, null, null, null);
        try (ResultRows rows = client.statements().rows(client.statements().execute(request, Duration.ofSeconds(30)))) {
            assertThat(rows.stream().count()).isEqualTo(4);
        }
    }

    @Test
    void pollsWhenTheServerAnswersBeforeTheStatementFinished() {
        List<StatementState> seen = new CopyOnWriteArrayList<>();

        StatementResponse done = client.statements()
                .execute(
                        request("range(10)", "0s"),
                        Duration.ofSeconds(30),
                        answer -> seen.add(answer.status().state()));

        assertThat(done.status().state()).isEqualTo(StatementState.SUCCEEDED);
        assertThat(seen.get(0))
                .as("answered at once: wait_timeout 0s")
                .isIn(StatementState.PENDING, StatementState.RUNNING);
        assertThat(seen).last().isEqualTo(StatementState.SUCCEEDED);
        assertThat(client.statements().rows(done).stream().count()).isEqualTo(10);
    }

    @Test
    void givesUpAfterTheCallersTimeoutAndTheStatementCanBeCanceled() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.statements().execute(request("block", null), Duration.ofMillis(300)))
                .isInstanceOfSatisfying(StatementTimeoutException.class, timeout -> {
                    assertThat(timeout.statement().status().state().isTerminal())
                            .isFalse();
                    assertThat(timeout.getMessage()).contains("PT0.3S");
                    StatementResponse canceled = client.statements().cancel(timeout.statementId());
                    StatementResponse after =
                            client.statements().await(canceled.statementId(), Duration.ofSeconds(10), ignored -> {});
                    assertThat(after.status().state()).isEqualTo(StatementState.CANCELED);
                    assertThatThrownBy(() -> client.statements().rows(after))
                            .isInstanceOfSatisfying(
                                    StatementFailedException.class,
                                    failed -> assertThat(failed.errorCode()).isEqualTo(ErrorCode.CANCELED));
                });
        // a 0s server wait was chosen for a timeout under 5s, so the client did not sit in a 10s POST
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void failedStatementBecomesATypedExceptionWithSparksConditionAndSqlState() {
        StatementResponse failed = client.statements().execute("fail TABLE_OR_VIEW_NOT_FOUND 42P01");

        assertThat(failed.status().state()).isEqualTo(StatementState.FAILED);
        assertThatThrownBy(() -> client.statements().rows(failed))
                .isInstanceOfSatisfying(StatementFailedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SQL_ERROR);
                    assertThat(e.error().orElseThrow().errorCode()).isEqualTo("TABLE_OR_VIEW_NOT_FOUND");
                    assertThat(e.error().orElseThrow().sqlState()).isEqualTo("42P01");
                    assertThat(e.getMessage()).contains("told to fail");
                });
    }

    @Test
    void onWaitTimeoutCancelIsTheServersToApply() {
        StatementRequest request =
                new StatementRequest("block", List.of(), "5s", OnWaitTimeout.CANCEL, null, null, null, null);

        StatementResponse done = client.statements().execute(request, Duration.ofSeconds(30));

        assertThat(done.status().state()).isEqualTo(StatementState.CANCELED);
    }

    @Test
    void problemAnswersBecomeTypedExceptionsWithTheirField() {
        assertThatThrownBy(() -> client.statements().submit(request("range(1)", "3s")))
                .isInstanceOfSatisfying(HearthClientException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.field()).isEqualTo("wait_timeout");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("between 5s and 50s");
                });
        assertThatThrownBy(() -> client.statements().find("no-such-statement"))
                .isInstanceOfSatisfying(HearthClientException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.field()).isNull();
                });
    }

    @Test
    void fetchesChunksAsCsvStreams() throws IOException {
        StatementResponse done = client.statements().execute(request("range(2500)", null), null);

        try (InputStream csv = client.statements().fetchChunk(done.statementId(), 2, ResultFormat.CSV)) {
            String text = new String(csv.readAllBytes(), UTF_8);
            assertThat(text).startsWith("id\r\n2000\r\n2001\r\n").endsWith("2499\r\n");
        }
        assertThatThrownBy(() -> client.statements().fetchChunk(done.statementId(), 3, ResultFormat.CSV))
                .isInstanceOfSatisfying(
                        HearthClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void readsArrowBatchesOfEveryChunk() {
        StatementResponse done = client.statements().execute(request("range(2500)", null), null);
        long[] sum = new long[2];

        try (BufferAllocator allocator = new RootAllocator()) {
            new ArrowChunks(allocator).forEachBatch(client.statements().result(done), root -> {
                BigIntVector ids = (BigIntVector) root.getVector("id");
                for (int i = 0; i < root.getRowCount(); i++) {
                    sum[0] += ids.get(i);
                    sum[1]++;
                }
            });
        }
        assertThat(sum[1]).isEqualTo(2500);
        assertThat(sum[0]).isEqualTo(2499L * 2500 / 2);
    }

    @Test
    void listsStatementsPageByPage() {
        for (int i = 0; i < 3; i++) {
            client.statements().execute(request("range(" + i + ")", null), null);
        }

        StatementList first = client.statements().list(null, 2, null);
        StatementList second = client.statements().list(null, 2, first.nextPageToken());

        assertThat(first.statements()).hasSize(2);
        assertThat(first.nextPageToken()).isNotNull();
        assertThat(second.statements()).hasSize(1);
        assertThat(second.nextPageToken()).isNull();
        assertThat(second.statements().get(0).statement()).isEqualTo("range(0)");
        assertThat(client.statements().list(StatementState.FAILED, 10, null).statements())
                .isEmpty();
    }

    @Test
    void namesTheServerWhenItCannotBeReached() throws IOException {
        URI down;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (HearthClient unreachable = HearthClient.builder().server(down).build()) {
            assertThatThrownBy(() -> unreachable.statements().execute("range(1)"))
                    .isInstanceOf(HearthConnectionException.class)
                    .hasMessageContaining("cannot reach Hearth at " + down)
                    .hasMessageContaining("connection refused");
        }
    }

    private static StatementRequest request(String sql, String waitTimeout) {
        return new StatementRequest(sql, List.of(), waitTimeout, null, null, null, null, null);
    }
}
