package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.statement.ColumnInfo;
import io.hearth.api.statement.ResultManifest;
import io.hearth.server.result.ChunkReader;
import io.hearth.server.result.ResultMetrics;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementId;
import io.hearth.server.statement.StatementService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TOperationState;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TTableSchema;

/**
 * A statement run through the statement service. Its rows are read from the result store chunk by
 * chunk and batch by batch as the client fetches: one Arrow batch in memory at a time.
 */
final class StatementOperation extends Hs2Operation {
    /** How long GetOperationStatus waits for a running statement before answering RUNNING. */
    static final Duration LONG_POLL = Duration.ofSeconds(1);

    private final StatementService statements;
    private final StatementId statementId;
    private final ResultMetrics.Served served;
    // the cursor: the chunk being read, its reader and current batch, and how far into that batch
    private int chunkIndex;
    private ChunkReader reader;
    private List<ArrowValues> values;
    private int batchRow;
    private int batchRows;
    private long position;
    // how much of the open chunk's Arrow stream has been counted as served bytes
    private long bytesCounted;
    private boolean closed;
    private volatile boolean timedOut;

    /** @param served counts the rows sent and the stored Arrow bytes read for them */
    StatementOperation(
            Hs2Handles.Key key,
            Hs2Session session,
            StatementService statements,
            StatementId statementId,
            ResultMetrics.Served served) {
        super(key, session, TOperationType.EXECUTE_STATEMENT);
        this.served = requireNonNull(served, "served is null");
        this.statements = requireNonNull(statements, "statements is null");
        this.statementId = requireNonNull(statementId, "statementId is null");
    }

    StatementId statementId() {
        return statementId;
    }

    @Override
    TGetOperationStatusResp status() throws InterruptedException {
        Statement statement = statements.awaitFinish(session().principal(), statementId, LONG_POLL);
        TGetOperationStatusResp status = new TGetOperationStatusResp(Hs2Errors.ok());
        status.setHasResultSet(true);
        status.setOperationStarted(statement.createdAt().toEpochMilli());
        if (statement.finishedAt() != null) {
            status.setOperationCompleted(statement.finishedAt().toEpochMilli());
        }
        switch (statement.state()) {
            case PENDING -> status.setOperationState(TOperationState.PENDING_STATE);
            case RUNNING -> status.setOperationState(TOperationState.RUNNING_STATE);
            case SUCCEEDED -> status.setOperationState(TOperationState.FINISHED_STATE);
            case CANCELED ->
                status.setOperationState(timedOut ? TOperationState.TIMEDOUT_STATE : TOperationState.CANCELED_STATE);
            case CLOSED -> status.setOperationState(TOperationState.CLOSED_STATE);
            case FAILED -> {
                status.setOperationState(TOperationState.ERROR_STATE);
                if (statement.error() != null) {
                    status.setErrorMessage(Hs2Errors.message(statement.error()));
                    status.setSqlState(Hs2Errors.sqlState(statement.error()));
                    status.setErrorCode(0);
                }
            }
        }
        return status;
    }

    @Override
    TTableSchema schema() throws InterruptedException {
        ResultManifest manifest = succeeded().manifest();
        return Hs2Types.schema(manifest == null ? List.of() : manifest.schema().columns());
    }

    @Override
    synchronized Fetched fetch(TFetchOrientation orientation, int maxRows) {
        if (closed) {
            throw new HearthException(ErrorCode.CONFLICT, "operation " + key() + " is closed");
        }
        Statement statement = succeeded();
        List<ColumnInfo> columns = statement.manifest() == null
                ? List.of()
                : statement.manifest().schema().columns();
        if (orientation == TFetchOrientation.FETCH_FIRST) {
            rewind();
        }
        List<RowSetBuilder.Kind> kinds = new ArrayList<>(columns.size());
        for (ColumnInfo column : columns) {
            kinds.add(kind(column.type()));
        }
        RowSetBuilder rows = new RowSetBuilder(kinds, session().columnar(), position);
        int chunks = statement.manifest() == null ? 0 : statement.manifest().totalChunkCount();
        boolean more = true;
        while (rows.rows() < maxRows) {
            if (reader != null && batchRow < batchRows) {
                int end = Math.min(batchRows, batchRow + (maxRows - rows.rows()));
                for (; batchRow < end; batchRow++) {
                    for (int column = 0; column < values.size(); column++) {
                        rows.add(column, values.get(column).valueAt().apply(batchRow));
                    }
                }
                continue;
            }
            if (reader != null) {
                boolean loaded = reader.loadNextBatch();
                served.bytes().increment(reader.bytesRead() - bytesCounted);
                bytesCounted = reader.bytesRead();
                if (loaded) {
                    batchRow = 0;
                    batchRows = reader.root().getRowCount();
                    continue;
                }
                reader.close();
                reader = null;
                chunkIndex++;
            }
            if (chunkIndex >= chunks) {
                more = false;
                break;
            }
            openChunk(statement, kinds);
        }
        position += rows.rows();
        served.rows().increment(rows.rows());
        return new Fetched(rows.build(), more);
    }

    private void openChunk(Statement statement, List<RowSetBuilder.Kind> kinds) {
        ChunkReader opened = statements.openChunk(statement, chunkIndex).reader();
        try {
            List<ArrowValues> columns = new ArrayList<>(kinds.size());
            for (int column = 0; column < kinds.size(); column++) {
                ArrowValues columnValues = ArrowValues.of(opened, column);
                if (columnValues.kind() != kinds.get(column)) {
                    throw new HearthException(
                            ErrorCode.INTERNAL_ERROR,
                            "column " + (column + 1) + " of statement " + statementId + " is "
                                    + kinds.get(column) + " by its type but " + columnValues.kind()
                                    + " in its Arrow data");
                }
                columns.add(columnValues);
            }
            values = columns;
            reader = opened;
            bytesCounted = 0;
            batchRow = 0;
            batchRows = 0;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private void rewind() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
        chunkIndex = 0;
        batchRow = 0;
        batchRows = 0;
        position = 0;
    }

    /** How values of a column of Spark's SQL type travel (as {@link ArrowValues} reads them). */
    static RowSetBuilder.Kind kind(String sparkType) {
        return switch (sparkType.trim().toUpperCase(Locale.ROOT)) {
            case "BOOLEAN" -> RowSetBuilder.Kind.BOOLEAN;
            case "TINYINT", "BYTE" -> RowSetBuilder.Kind.BYTE;
            case "SMALLINT", "SHORT" -> RowSetBuilder.Kind.SHORT;
            case "INT", "INTEGER" -> RowSetBuilder.Kind.INT;
            case "BIGINT", "LONG" -> RowSetBuilder.Kind.LONG;
            case "FLOAT", "REAL", "DOUBLE" -> RowSetBuilder.Kind.DOUBLE;
            case "BINARY" -> RowSetBuilder.Kind.BINARY;
            default -> RowSetBuilder.Kind.STRING;
        };
    }

    /** The statement, which must have SUCCEEDED to have rows. */
    private Statement succeeded() {
        Statement statement = statements.find(session().principal(), statementId);
        return switch (statement.state()) {
            case SUCCEEDED -> statement;
            case FAILED ->
                throw new HearthException(
                        ErrorCode.SQL_ERROR,
                        statement.error() == null ? "the statement failed" : Hs2Errors.message(statement.error()));
            default ->
                throw new HearthException(
                        ErrorCode.CONFLICT,
                        "statement " + statementId + " is " + statement.state() + "; it has no rows"
                                + (statement.state().isTerminal() ? "" : " yet"));
        };
    }

    /** The client's query timeout passed: cancels the statement unless it has finished. */
    void timeOut() {
        Statement statement = statements.find(session().principal(), statementId);
        if (!statement.state().isTerminal()) {
            timedOut = true;
            statements.cancel(session().principal(), statementId);
        }
    }

    @Override
    void cancel() {
        statements.cancel(session().principal(), statementId);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (reader != null) {
            reader.close();
            reader = null;
        }
        Statement statement = statements.find(session().principal(), statementId);
        if (!statement.state().isTerminal()) {
            statements.cancel(session().principal(), statementId);
        }
    }
}
