package io.hearth.server.result;

import io.hearth.api.statement.ColumnInfo;
import io.hearth.api.statement.ResultManifest;
import java.util.List;

/**
 * Receives one result as an engine streams it (an Arrow schema message, then record batch
 * messages) and stores it as chunks without decoding a batch. Not thread-safe: one engine stream
 * feeds one writer. Closing a writer that was not completed aborts it, deleting what it wrote.
 */
public interface ResultWriter extends AutoCloseable {
    /**
     * Starts the result.
     *
     * @param arrowSchemaMessage the schema as an encapsulated Arrow IPC message
     * @param columns the result's columns (name, Spark SQL type, nullability); positions are
     *     renumbered in list order
     */
    void schema(byte[] arrowSchemaMessage, List<ColumnInfo> columns);

    /**
     * Appends one record batch, an encapsulated Arrow IPC message holding {@code rowCount} rows.
     *
     * @return false if the batch was dropped because the result would pass its byte limit; the
     *     result is then truncated and later batches are ignored
     */
    boolean batch(byte[] recordBatchMessage, long rowCount);

    /**
     * Closes the last chunk and writes the manifest, after which the result can be fetched.
     *
     * @param truncatedUpstream whether the engine already cut the result short (a row limit)
     */
    ResultManifest complete(boolean truncatedUpstream);

    /** Deletes everything written so far; the result will not exist. */
    void abort();

    /** Aborts unless {@link #complete} succeeded. */
    @Override
    void close();
}
