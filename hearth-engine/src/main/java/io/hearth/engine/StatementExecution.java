package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.hearth.protocol.v1.Column;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.ResultBatch;
import io.hearth.protocol.v1.ResultSchema;
import io.hearth.protocol.v1.StatementCompleted;
import io.hearth.protocol.v1.StatementEvent;
import io.hearth.protocol.v1.StatementFailed;
import io.hearth.protocol.v1.StatementStarted;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of one statement: STARTED, SCHEMA, BATCH..., then COMPLETED or FAILED. */
final class StatementExecution {
    private static final Logger log = LoggerFactory.getLogger(StatementExecution.class);
    private static final String TIME_ZONE_KEY = "spark.sql.session.timeZone";
    private static final String MAX_RECORDS_PER_BATCH_KEY = "spark.sql.execution.arrow.maxRecordsPerBatch";

    private final SparkSession spark;
    private final SparkArrowAdapter arrow;
    private final ArrowMessages messages;
    private final ParameterBinder parameters;
    private final Clock clock;
    private final int maxBatchBytes;
    private final ExecuteStatementRequest request;
    private final RunningStatement statement;
    private final StatementEventStream events;
    private long sentRows;
    private boolean truncated;

    StatementExecution(
            SparkSession spark,
            SparkArrowAdapter arrow,
            ArrowMessages messages,
            ParameterBinder parameters,
            Clock clock,
            int maxBatchBytes,
            ExecuteStatementRequest request,
            RunningStatement statement,
            StatementEventStream events) {
        this.spark = requireNonNull(spark, "spark is null");
        this.arrow = requireNonNull(arrow, "arrow is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxBatchBytes = maxBatchBytes;
        this.request = requireNonNull(request, "request is null");
        this.statement = requireNonNull(statement, "statement is null");
        this.events = requireNonNull(events, "events is null");
    }

    void run() throws InterruptedException {
        long startedAt = clock.millis();
        if (!events.send(StatementEvent.newBuilder()
                .setStarted(StatementStarted.newBuilder().setStartedAtEpochMillis(startedAt))
                .build())) {
            return;
        }
        StatementEvent outcome;
        try {
            outcome = execute();
        } catch (InvalidParameterException e) {
            outcome = failed(StatementFailures.invalidParameter(e));
        } catch (CallCancelledException e) {
            log.info("Statement {} stopped: the gateway cancelled the call", statement.statementId());
            return;
        } catch (Exception | StackOverflowError e) {
            if (statement.isCanceled()) {
                outcome = failed(StatementFailures.canceled());
            } else {
                log.info("Statement {} failed: {}", statement.statementId(), e.toString());
                outcome = failed(StatementFailures.fromThrowable(e));
            }
        }
        log.info("Statement {} finished in {} ms", statement.statementId(), clock.millis() - startedAt);
        events.finish(outcome);
    }

    private StatementEvent execute() throws InvalidParameterException, InterruptedException {
        ZoneId sessionZone = ZoneId.of(spark.conf().get(TIME_ZONE_KEY));
        Map<String, Object> args = parameters.bind(request.getParametersList(), sessionZone);
        SparkContext context = spark.sparkContext();
        context.setJobGroup(statement.statementId(), "Hearth statement for " + request.getUser(), true);
        try {
            Dataset<Row> result = args.isEmpty() ? spark.sql(request.getSql()) : spark.sql(request.getSql(), args);
            long rowLimit = request.getRowLimit();
            if (rowLimit > 0 && rowLimit < Integer.MAX_VALUE) {
                // One row more than asked tells whether the result really was cut short.
                result = result.limit((int) rowLimit + 1);
            }
            String timeZoneId = sessionZone.getId();
            Schema schema = arrow.arrowSchema(result.schema(), timeZoneId);
            send(StatementEvent.newBuilder()
                    .setSchema(resultSchema(result, schema))
                    .build());
            return streamBatches(result, schema, timeZoneId, rowLimit);
        } finally {
            context.clearJobGroup();
        }
    }

    private StatementEvent streamBatches(Dataset<Row> result, Schema schema, String timeZoneId, long rowLimit)
            throws InterruptedException {
        int maxRecordsPerBatch = Integer.parseInt(spark.conf().get(MAX_RECORDS_PER_BATCH_KEY, "10000"));
        arrow.streamArrowBatches(result, maxRecordsPerBatch, timeZoneId, batch -> forward(batch, schema, rowLimit));
        if (statement.isCanceled()) {
            return failed(StatementFailures.canceled());
        }
        return StatementEvent.newBuilder()
                .setCompleted(
                        StatementCompleted.newBuilder().setRowCount(sentRows).setTruncated(truncated))
                .build();
    }

    /** Sends one of Spark's batches, cut at the row limit; false once nothing more is to be sent. */
    private boolean forward(byte[] batch, Schema schema, long rowLimit) throws InterruptedException {
        if (statement.isCanceled()) {
            return false;
        }
        long rows = messages.rowCount(batch);
        if (rows == 0) {
            return true;
        }
        if (rowLimit > 0 && sentRows + rows > rowLimit) {
            truncated = true;
            int kept = (int) (rowLimit - sentRows);
            if (kept > 0) {
                sendBatch(messages.firstRows(batch, schema, kept), schema, kept);
                sentRows += kept;
            }
            return false;
        }
        sendBatch(batch, schema, rows);
        sentRows += rows;
        return true;
    }

    private ResultSchema resultSchema(Dataset<Row> result, Schema schema) {
        ResultSchema.Builder builder =
                ResultSchema.newBuilder().setArrowSchema(ByteString.copyFrom(messages.serializeSchema(schema)));
        for (StructField field : result.schema().fields()) {
            builder.addColumns(Column.newBuilder()
                    .setName(field.name())
                    .setType(field.dataType().sql())
                    .setNullable(field.nullable()));
        }
        return builder.build();
    }

    /**
     * Spark cuts batches by rows only, so a batch of wide rows can outgrow a gRPC message (4 MiB by
     * default); such a batch goes out as several smaller ones.
     */
    private void sendBatch(byte[] batch, Schema schema, long rows) throws InterruptedException {
        if (batch.length <= maxBatchBytes || rows <= 1) {
            sendWhole(batch, rows);
            return;
        }
        long pieces = (batch.length + maxBatchBytes - 1) / maxBatchBytes;
        int rowsPerPiece = (int) Math.max(1, (rows + pieces - 1) / pieces);
        for (byte[] piece : messages.slices(batch, schema, (int) rows, rowsPerPiece)) {
            sendWhole(piece, messages.rowCount(piece));
        }
    }

    private void sendWhole(byte[] batch, long rows) throws InterruptedException {
        send(StatementEvent.newBuilder()
                .setBatch(ResultBatch.newBuilder()
                        .setArrowRecordBatch(ByteString.copyFrom(batch))
                        .setRowCount(rows))
                .build());
    }

    private void send(StatementEvent event) throws InterruptedException {
        if (!events.send(event)) {
            throw new CallCancelledException();
        }
    }

    private static StatementEvent failed(StatementFailed failure) {
        return StatementEvent.newBuilder().setFailed(failure).build();
    }

    /** The gateway went away: nobody is left to tell, so the run just stops. */
    private static final class CallCancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallCancelledException() {
            super("the gateway cancelled the call", null, false, false);
        }
    }
}
