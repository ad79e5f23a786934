package io.hearth.api.statement;

/**
 * Where a statement's result is written instead of being returned (the "shared database" way of
 * consuming results): exactly one of {@code table} and {@code jdbc}.
 *
 * @param table a table in the engine's Spark catalog, such as {@code reports.daily}
 * @param jdbc a table in a JDBC database the server names in its configuration
 * @param mode what to do when the table exists (default ERROR_IF_EXISTS)
 */
public record ResultSink(String table, JdbcSink jdbc, SinkMode mode) {

    /**
     * A JDBC table.
     *
     * @param target the name of a JDBC target configured on the server ({@code sinks.jdbc.<name>.*});
     *     requests never carry database credentials
     * @param table the table in that database, such as {@code public.results}
     */
    public record JdbcSink(String target, String table) {}

    /** Spark's save modes. */
    public enum SinkMode {
        APPEND,
        OVERWRITE,
        ERROR_IF_EXISTS,
        IGNORE
    }
}
