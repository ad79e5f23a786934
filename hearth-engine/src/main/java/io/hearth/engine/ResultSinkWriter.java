package io.hearth.engine;

import io.hearth.protocol.v1.JdbcSink;
import io.hearth.protocol.v1.ResultSink;
import io.hearth.protocol.v1.SinkWritten;
import io.hearth.protocol.v1.StatementCompleted;
import io.hearth.protocol.v1.StatementEvent;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

/**
 * Writes a statement's result to its sink (a Spark catalog table or a JDBC table) instead of
 * streaming it back. The rows written are counted by an {@link Observation} on the written Dataset,
 * which Spark fills when the write's query finishes: no second pass over the data.
 */
final class ResultSinkWriter {
    /** How long to wait for the observed row count after the write returned (Spark posts it at once). */
    private static final Duration COUNT_PATIENCE = Duration.create(5, TimeUnit.SECONDS);

    private ResultSinkWriter() {}

    static StatementEvent write(Dataset<Row> result, ResultSink sink, long rowLimit) {
        if (rowLimit > 0 && rowLimit < Integer.MAX_VALUE) {
            result = result.limit((int) rowLimit);
        }
        Observation rows = new Observation("hearth_sink_rows");
        DataFrameWriter<Row> writer = result.observe(
                        rows, functions.count(functions.lit(1)).as("rows"))
                .write()
                .mode(saveMode(sink.getMode()));
        switch (sink.getTargetCase()) {
            case TABLE -> writer.saveAsTable(sink.getTable());
            case JDBC -> {
                JdbcSink jdbc = sink.getJdbc();
                Properties properties = new Properties();
                if (!jdbc.getUser().isEmpty()) {
                    properties.setProperty("user", jdbc.getUser());
                }
                if (!jdbc.getPassword().isEmpty()) {
                    properties.setProperty("password", jdbc.getPassword());
                }
                if (!jdbc.getDriver().isEmpty()) {
                    properties.setProperty("driver", jdbc.getDriver());
                }
                writer.jdbc(jdbc.getUrl(), jdbc.getTable(), properties);
            }
            case TARGET_NOT_SET -> throw new IllegalArgumentException("the statement's sink names no table");
        }
        SinkWritten.Builder written = SinkWritten.newBuilder();
        Long counted = rowsWritten(rows);
        if (counted != null) {
            written.setRowsWritten(counted).setRowsKnown(true);
        }
        return StatementEvent.newBuilder()
                .setCompleted(StatementCompleted.newBuilder()
                        .setRowCount(counted == null ? 0 : counted)
                        .setSinkWritten(written))
                .build();
    }

    /** The observed count, or null when Spark did not report it (IGNORE on an existing table writes nothing). */
    private static Long rowsWritten(Observation rows) {
        try {
            Row row = Await.result(rows.future(), COUNT_PATIENCE);
            return row.isNullAt(0) ? null : row.getLong(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    static SaveMode saveMode(String mode) {
        return switch (mode.isEmpty() ? "ERROR_IF_EXISTS" : mode.toUpperCase(Locale.ROOT)) {
            case "APPEND" -> SaveMode.Append;
            case "OVERWRITE" -> SaveMode.Overwrite;
            case "IGNORE" -> SaveMode.Ignore;
            case "ERROR_IF_EXISTS" -> SaveMode.ErrorIfExists;
            default -> throw new IllegalArgumentException("unknown sink mode " + mode);
        };
    }
}
