package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.hearth.protocol.v1.Column;
import io.hearth.protocol.v1.ResultBatch;
import io.hearth.protocol.v1.ResultSchema;
import io.hearth.protocol.v1.StatementCompleted;
import io.hearth.protocol.v1.StatementEvent;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * Sends one result Dataset as SCHEMA and BATCH events, cut at a row limit, and says how it ended:
 * the result path SQL statements and jobs returning a Dataset share. One per run.
 */
final class ResultStreamer {
    private static final String TIME_ZONE_KEY = "spark.sql.session.timeZone";
    private static final String MAX_RECORDS_PER_BATCH_KEY = "spark.sql.execution.arrow.maxRecordsPerBatch";

    private final SparkArrowAdapter arrow;
    private final ArrowMessages messages;
    private final int maxBatchBytes;
    private final RunningStatement statement;
    private final StatementEventStream events;
    private long sentRows;
    private boolean truncated;

    ResultStreamer(
            SparkArrowAdapter arrow,
            ArrowMessages messages,
            int maxBatchBytes,
            RunningStatement statement,
            StatementEventStream events) {
        this.arrow = requireNonNull(arrow, "arrow is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.maxBatchBytes = maxBatchBytes;
        this.statement = requireNonNull(statement, "statement is null");
        this.events = requireNonNull(events, "events is null");
    }

    /**
     * Sends the result's schema and rows (at most {@code rowLimit} when positive) and returns the
     * last event: COMPLETED, or FAILED as canceled when the statement was canceled meanwhile.
     *
     * @throws CallCancelledException when the gateway went away
     */
    StatementEvent stream(Dataset<Row> result, long rowLimit) throws InterruptedException {
        if (rowLimit > 0 && rowLimit < Integer.MAX_VALUE) {
            // One row more than asked tells whether the result really was cut short.
            result = result.limit((int) rowLimit + 1);
        }
        String timeZoneId = result.sparkSession().conf().get(TIME_ZONE_KEY);
        Schema schema = arrow.arrowSchema(result.schema(), timeZoneId);
        send(StatementEvent.newBuilder().setSchema(resultSchema(result, schema)).build());
        int maxRecordsPerBatch = Integer.parseInt(result.sparkSession().conf().get(MAX_RECORDS_PER_BATCH_KEY, "10000"));
        arrow.streamArrowBatches(result, maxRecordsPerBatch, timeZoneId, batch -> forward(batch, schema, rowLimit));
        if (statement.isCanceled()) {
            return StatementEvent.newBuilder()
                    .setFailed(StatementFailures.canceled())
                    .build();
        }
        return StatementEvent.newBuilder()
                .setCompleted(
                        StatementCompleted.newBuilder().setRowCount(sentRows).setTruncated(truncated))
                .build();
    }

    /**
     * Sends one event.
     *
     * @throws CallCancelledException when the gateway went away
     */
    void send(StatementEvent event) throws InterruptedException {
        if (!events.send(event)) {
            throw new CallCancelledException();
        }
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
}
