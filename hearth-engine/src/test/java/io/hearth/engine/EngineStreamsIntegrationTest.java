package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.protocol.v1.StartStreamRequest;
import io.hearth.protocol.v1.StartStreamResponse;
import io.hearth.protocol.v1.StreamSink;
import io.hearth.protocol.v1.StreamSource;
import io.hearth.protocol.v1.StreamStatusResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Structured Streaming queries in a real local SparkSession, as the engine runs them. */
class EngineStreamsIntegrationTest {
    @TempDir
    Path directory;

    private SparkSession spark;
    private EngineStreams streams;

    @BeforeEach
    void start() {
        spark = TestingSpark.session();
        streams = new EngineStreams(spark);
    }

    @AfterEach
    void stop() {
        streams.close();
    }

    @Test
    void runsFilesIntoAMemoryViewTheSharedSessionQueries() throws Exception {
        Path input = Files.createDirectories(directory.resolve("in"));
        Files.writeString(input.resolve("a.json"), "{\"id\": 1, \"word\": \"a\"}\n{\"id\": 2, \"word\": \"bb\"}\n");
        StartStreamRequest request = StartStreamRequest.newBuilder()
                .setStreamId("s1")
                .setUser("alice")
                .setQueryName("words")
                .setSource(StreamSource.newBuilder()
                        .setFormat("files")
                        .setPath(input.toString())
                        .setFileFormat("json")
                        .setSchemaDdl("id BIGINT, word STRING"))
                .setSql("SELECT id, length(word) AS n FROM input")
                .setSink(StreamSink.newBuilder().setFormat("memory"))
                .setOutputMode("append")
                .setCheckpointLocation(directory.resolve("checkpoint").toString())
                .build();

        StartStreamResponse started = streams.start(request);
        assertThat(started.getWasRunning()).isFalse();
        assertThat(streams.start(request).getWasRunning())
                .as("started twice: one query")
                .isTrue();

        StreamStatusResponse status = await(
                "s1",
                s -> s.getProgressCount() > 0
                        && s.getProgress(s.getProgressCount() - 1).getNumInputRows() > 0);
        assertThat(status.getState()).isEqualTo(StreamStatusResponse.State.ACTIVE);
        assertThat(status.getProgress(0).getBatchId()).isZero();
        assertThat(spark.sql("SELECT sum(n) FROM words").first().getLong(0)).isEqualTo(3);
        assertThat(spark.catalog().tableExists(EngineStreams.INPUT_VIEW))
                .as("input is gone once the query is analysed")
                .isFalse();
        assertThat(streams.status(
                                "s1",
                                status.getProgress(status.getProgressCount() - 1)
                                        .getBatchId())
                        .orElseThrow()
                        .getProgressList())
                .allSatisfy(progress -> assertThat(progress.getBatchId())
                        .isGreaterThan(status.getProgress(status.getProgressCount() - 1)
                                .getBatchId()));

        assertThat(streams.stop("s1")).isTrue();
        assertThat(streams.status("s1", -1).orElseThrow().getState()).isEqualTo(StreamStatusResponse.State.STOPPED);
        assertThat(streams.status("nope", -1)).isEmpty();
    }

    @Test
    void refusesSqlSparkCannotAnalyse() {
        StartStreamRequest request = StartStreamRequest.newBuilder()
                .setStreamId("s2")
                .setSource(StreamSource.newBuilder().setFormat("rate"))
                .setSql("SELECT no_such_column FROM input")
                .setSink(StreamSink.newBuilder().setFormat("memory"))
                .setQueryName("refused")
                .setOutputMode("append")
                .setCheckpointLocation(directory.resolve("checkpoint2").toString())
                .build();

        assertThatThrownBy(() -> streams.start(request))
                .isInstanceOf(EngineStreams.InvalidStreamException.class)
                .hasMessageContaining("no_such_column");
        assertThat(streams.status("s2", -1)).isEmpty();
    }

    @Test
    void reportsAQueryThatDiedOfAnError() throws Exception {
        StartStreamRequest request = StartStreamRequest.newBuilder()
                .setStreamId("s3")
                .setSource(StreamSource.newBuilder().setFormat("rate").putOptions("rowsPerSecond", "10"))
                .setSql("SELECT assert_true(value < 0, 'value is not negative') AS checked FROM input")
                .setSink(StreamSink.newBuilder().setFormat("memory"))
                .setQueryName("failing")
                .setOutputMode("append")
                .setProcessingTimeMillis(200)
                .setCheckpointLocation(directory.resolve("checkpoint3").toString())
                .build();

        streams.start(request);

        StreamStatusResponse failed = await("s3", s -> s.getState() == StreamStatusResponse.State.FAILED);
        assertThat(failed.getErrorMessage()).contains("value is not negative");
    }

    @Test
    void findsTheKafkaSourceAndSinkOnTheEnginesClassPath() throws Exception {
        // no broker answers on port 1: the query starts (the data sources resolve) and then fails
        // trying to reach it, never with "Failed to find the data source: kafka"
        StartStreamRequest request = StartStreamRequest.newBuilder()
                .setStreamId("s4")
                .setSource(StreamSource.newBuilder()
                        .setFormat("kafka")
                        .putOptions("kafka.bootstrap.servers", "127.0.0.1:1")
                        .putOptions("subscribe", "in")
                        .putOptions("kafka.request.timeout.ms", "1000")
                        .putOptions("kafka.default.api.timeout.ms", "1000"))
                .setSql("SELECT key, value FROM input")
                .setSink(StreamSink.newBuilder()
                        .setFormat("kafka")
                        .putOptions("kafka.bootstrap.servers", "127.0.0.1:1")
                        .putOptions("topic", "out"))
                .setOutputMode("append")
                .setCheckpointLocation(directory.resolve("checkpoint4").toString())
                .build();

        assertThat(streams.start(request).getQueryId()).isNotEmpty();
        StreamStatusResponse status = streams.status("s4", -1).orElseThrow();
        assertThat(status.getErrorMessage()).doesNotContain("Failed to find the data source");
        streams.stop("s4");
    }

    private StreamStatusResponse await(String streamId, Predicate<StreamStatusResponse> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        StreamStatusResponse status = streams.status(streamId, -1).orElseThrow();
        while (!done.test(status)) {
            assertThat(Instant.now()).as("last status: %s", status).isBefore(deadline);
            Thread.sleep(100); // polling, as the gateway does; a query reports nothing sooner
            status = streams.status(streamId, -1).orElseThrow();
        }
        return status;
    }
}
