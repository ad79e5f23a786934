package io.hearth.client.arrow;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.statement.StatementResponse;
import io.hearth.client.StatementFailedException;
import io.hearth.client.Statements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Reads results as Arrow. Optional: {@code hearth-client} does not bring Arrow; a caller who
 * uses this class adds {@code org.apache.arrow:arrow-vector} and a memory implementation ({@code
 * arrow-memory-unsafe} or {@code arrow-memory-netty}) and owns the allocator. Without Arrow, the
 * same bytes are {@link Statements#fetchChunk} with {@link ResultFormat#ARROW_STREAM}.
 */
public final class ArrowChunks {
    private final Statements statements;
    private final BufferAllocator allocator;

    public ArrowChunks(Statements statements, BufferAllocator allocator) {
        this.statements = requireNonNull(statements, "statements is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /** A reader of one chunk's Arrow IPC stream, read as it arrives; closing it ends the request. */
    public ArrowStreamReader openChunk(String statementId, int chunkIndex) {
        return new ArrowStreamReader(
                statements.fetchChunk(statementId, chunkIndex, ResultFormat.ARROW_STREAM), allocator);
    }

    /**
     * Visits every record batch of a SUCCEEDED statement's result, chunk after chunk, with only one
     * chunk's stream open at a time. The root passed is valid only during the call.
     *
     * @throws StatementFailedException when the statement has no result to read
     */
    public void forEachBatch(StatementResponse statement, Consumer<VectorSchemaRoot> batch) {
        requireNonNull(batch, "batch is null");
        if (!statement.status().state().isTerminal()) {
            throw new IllegalStateException("statement " + statement.statementId() + " is still "
                    + statement.status().state());
        }
        if (statement.status().state() != StatementState.SUCCEEDED || statement.manifest() == null) {
            throw new StatementFailedException(statement);
        }
        for (int chunk = 0; chunk < statement.manifest().totalChunkCount(); chunk++) {
            try (ArrowStreamReader reader = openChunk(statement.statementId(), chunk)) {
                while (reader.loadNextBatch()) {
                    batch.accept(reader.getVectorSchemaRoot());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "reading chunk " + chunk + " of statement " + statement.statementId() + " as Arrow", e);
            }
        }
    }
}
