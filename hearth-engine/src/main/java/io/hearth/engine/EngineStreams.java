package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.protocol.v1.StartStreamRequest;
import io.hearth.protocol.v1.StartStreamResponse;
import io.hearth.protocol.v1.StreamBatchProgress;
import io.hearth.protocol.v1.StreamSink;
import io.hearth.protocol.v1.StreamSource;
import io.hearth.protocol.v1.StreamStatusResponse;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's Structured Streaming queries, by stream id. Each runs in the engine's shared
 * SparkSession, so a memory sink's view (and a table sink's table) is visible to the statements
 * the gateway runs outside sessions on this engine; the source is the temp view {@code input} only
 * while the SQL text is analysed, so two streams never see each other's.
 */
final class EngineStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineStreams.class);
    static final String INPUT_VIEW = "input";

    private final SparkSession spark;
    private final ConcurrentMap<String, StreamingQuery> queries = new ConcurrentHashMap<>();
    /** One stream at a time has its source as the view {@code input}. */
    private final Object inputViewLock = new Object();

    EngineStreams(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /**
     * Starts the stream's query, or answers {@code was_running} when it runs already.
     *
     * @throws InvalidStreamException when Spark refuses the source, the SQL, the sink or the
     *     checkpoint
     */
    StartStreamResponse start(StartStreamRequest request) throws InvalidStreamException {
        StreamingQuery running = queries.get(request.getStreamId());
        if (running != null && running.isActive()) {
            return response(running, true);
        }
        StreamingQuery query;
        try {
            DataStreamWriter<Row> writer = writer(request, analysed(request));
            query = "table".equalsIgnoreCase(request.getSink().getFormat())
                    ? writer.toTable(request.getSink().getName())
                    : writer.start();
        } catch (Exception e) {
            // AnalysisException, StreamingQueryException and others Scala throws undeclared
            throw new InvalidStreamException(message(e));
        }
        queries.put(request.getStreamId(), query);
        log.info(
                "Started stream {} for {} as query {} (run {})",
                request.getStreamId(),
                request.getUser(),
                query.id(),
                query.runId());
        return response(query, false);
    }

    /** Stops the stream's query and waits for it; false when it was not active. */
    boolean stop(String streamId) throws TimeoutException {
        StreamingQuery query = queries.get(streamId);
        if (query == null) {
            return false;
        }
        boolean wasActive = query.isActive();
        query.stop();
        log.info("Stopped stream {}", streamId);
        return wasActive;
    }

    /** The stream's state and progress after a batch id; empty when this engine has no such stream. */
    Optional<StreamStatusResponse> status(String streamId, long afterBatchId) {
        StreamingQuery query = queries.get(streamId);
        if (query == null) {
            return Optional.empty();
        }
        StreamStatusResponse.Builder status = StreamStatusResponse.newBuilder();
        for (StreamingQueryProgress progress : query.recentProgress()) {
            if (progress.batchId() > afterBatchId) {
                status.addProgress(progress(progress));
            }
        }
        if (query.isActive()) {
            status.setState(StreamStatusResponse.State.ACTIVE);
        } else {
            Optional<StreamingQueryException> failure = Optional.ofNullable(
                    query.exception().isDefined() ? query.exception().get() : null);
            if (failure.isPresent()) {
                status.setState(StreamStatusResponse.State.FAILED).setErrorMessage(message(failure.get()));
            } else {
                status.setState(StreamStatusResponse.State.STOPPED);
            }
        }
        return Optional.of(status.build());
    }

    int activeCount() {
        return (int) queries.values().stream().filter(StreamingQuery::isActive).count();
    }

    /** The SQL over the source, analysed while {@code input} is the source; the view goes after. */
    private Dataset<Row> analysed(StartStreamRequest request) {
        Dataset<Row> source = reader(request.getSource()).load();
        synchronized (inputViewLock) {
            source.createOrReplaceTempView(INPUT_VIEW);
            try {
                // spark.sql analyses eagerly: the plan holds the source, not the view's name
                return spark.sql(request.getSql());
            } finally {
                spark.catalog().dropTempView(INPUT_VIEW);
            }
        }
    }

    private DataStreamReader reader(StreamSource source) {
        String format = source.getFormat().toLowerCase(Locale.ROOT);
        DataStreamReader reader = spark.readStream().options(source.getOptionsMap());
        return switch (format) {
            case "files" -> {
                DataStreamReader files = reader.format(source.getFileFormat());
                if (!source.getSchemaDdl().isEmpty()) {
                    files = files.schema(source.getSchemaDdl());
                }
                yield files.option("path", source.getPath());
            }
            default -> reader.format(format);
        };
    }

    private static DataStreamWriter<Row> writer(StartStreamRequest request, Dataset<Row> result) {
        StreamSink sink = request.getSink();
        DataStreamWriter<Row> writer = result.writeStream()
                .queryName(request.getQueryName())
                .outputMode(request.getOutputMode())
                .option("checkpointLocation", request.getCheckpointLocation())
                .options(sink.getOptionsMap());
        if (request.getAvailableNow()) {
            writer = writer.trigger(Trigger.AvailableNow());
        } else {
            writer = writer.trigger(Trigger.ProcessingTime(request.getProcessingTimeMillis()));
        }
        String format = sink.getFormat().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "files" -> writer.format(sink.getFileFormat()).option("path", sink.getPath());
            case "table" -> writer;
            default -> writer.format(format);
        };
    }

    private static StreamBatchProgress progress(StreamingQueryProgress progress) {
        Map<String, Long> durations = progress.durationMs();
        Long trigger = durations == null ? null : durations.get("triggerExecution");
        long outputRows = progress.sink() == null ? -1 : progress.sink().numOutputRows();
        return StreamBatchProgress.newBuilder()
                .setBatchId(progress.batchId())
                .setTimestampEpochMillis(Instant.parse(progress.timestamp()).toEpochMilli())
                .setNumInputRows(progress.numInputRows())
                .setInputRowsPerSecond(finite(progress.inputRowsPerSecond()))
                .setProcessedRowsPerSecond(finite(progress.processedRowsPerSecond()))
                .setBatchDurationMillis(trigger == null ? 0 : trigger)
                .setNumOutputRows(outputRows)
                .build();
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }

    private static StartStreamResponse response(StreamingQuery query, boolean wasRunning) {
        return StartStreamResponse.newBuilder()
                .setQueryId(query.id().toString())
                .setRunId(query.runId().toString())
                .setWasRunning(wasRunning)
                .build();
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }

    /** Stops every query: the engine is going away. */
    @Override
    public void close() {
        for (Map.Entry<String, StreamingQuery> entry : queries.entrySet()) {
            try {
                entry.getValue().stop();
            } catch (Exception e) {
                log.warn("Stopping stream {} failed", entry.getKey(), e);
            }
        }
    }

    /** A stream Spark refuses to start; the message is Spark's. */
    static final class InvalidStreamException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidStreamException(String message) {
            super(message);
        }
    }
}
