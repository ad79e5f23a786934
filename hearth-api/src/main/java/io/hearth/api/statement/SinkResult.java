package io.hearth.api.statement;

/**
 * Where a statement wrote its result (its {@link ResultSink}) and, once it SUCCEEDED, how many rows.
 *
 * @param table the Spark catalog table, or null
 * @param jdbc the JDBC target and table, or null
 * @param mode the save mode used
 * @param rowsWritten rows written, once SUCCEEDED; null before, and when the engine could not count
 *     them
 */
public record SinkResult(String table, ResultSink.JdbcSink jdbc, ResultSink.SinkMode mode, Long rowsWritten) {

    /** A sink as requested, nothing written yet (mode ERROR_IF_EXISTS when none is given). */
    public static SinkResult requested(ResultSink sink) {
        return new SinkResult(
                sink.table(),
                sink.jdbc(),
                sink.mode() == null ? ResultSink.SinkMode.ERROR_IF_EXISTS : sink.mode(),
                null);
    }

    /** The same sink with its rows written. */
    public SinkResult withRowsWritten(Long rows) {
        return new SinkResult(table, jdbc, mode, rows);
    }
}
