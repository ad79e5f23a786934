package io.hearth.client.arrow;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ResultFormat;
import io.hearth.client.ResultChunks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Reads results (a statement's, or a job's Dataset) as Arrow. Optional: {@code hearth-client} does
 * not bring Arrow; a caller who uses this class adds {@code org.apache.arrow:arrow-vector} and a
 * memory implementation ({@code arrow-memory-unsafe} or {@code arrow-memory-netty}) and owns the
 * allocator. Without Arrow, the same bytes are {@link ResultChunks#fetchChunk} with {@link
 * ResultFormat#ARROW_STREAM}.
 *
 * <pre>{@code
 * new ArrowChunks(allocator).forEachBatch(client.statements().result(done), root -> { ... });
 * new ArrowChunks(allocator).forEachBatch(client.jobs().result(job), root -> { ... });
 * }</pre>
 */
public final class ArrowChunks {
    private final BufferAllocator allocator;

    public ArrowChunks(BufferAllocator allocator) {
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /** A reader of one chunk's Arrow IPC stream, read as it arrives; closing it ends the request. */
    public ArrowStreamReader openChunk(ResultChunks result, int chunkIndex) {
        return new ArrowStreamReader(result.fetchChunk(chunkIndex, ResultFormat.ARROW_STREAM), allocator);
    }

    /**
     * Visits every record batch of a result, chunk after chunk, with only one chunk's stream open
     * at a time. The root passed is valid only during the call.
     */
    public void forEachBatch(ResultChunks result, Consumer<VectorSchemaRoot> batch) {
        requireNonNull(result, "result is null");
        requireNonNull(batch, "batch is null");
        for (int chunk = 0; chunk < result.chunkCount(); chunk++) {
            try (ArrowStreamReader reader = openChunk(result, chunk)) {
                while (reader.loadNextBatch()) {
                    batch.accept(reader.getVectorSchemaRoot());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading chunk " + chunk + " of " + result.describe() + " as Arrow", e);
            }
        }
    }
}
