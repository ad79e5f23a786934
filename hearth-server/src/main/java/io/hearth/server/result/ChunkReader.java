package io.hearth.server.result;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * The record batches of one open chunk, read one at a time, for front doors that convert values
 * themselves (HiveServer2's TColumns). Only the current batch is in memory; the batch's vectors
 * are reused for the next one, so values must be read before {@link #loadNextBatch()}.
 */
public final class ChunkReader implements AutoCloseable {
    private final BufferAllocator allocator;
    private final ArrowStreamReader reader;
    private final VectorSchemaRoot root;
    private final List<ValueRenderer> renderers;

    ChunkReader(FileChannel channel, BufferAllocator allocator, ValueRenderers renderers) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.reader = new ArrowStreamReader(channel, allocator);
        try {
            this.root = reader.getVectorSchemaRoot();
            this.renderers = renderers.forVectors(root.getFieldVectors());
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The current batch: its vectors, and its row count. */
    public VectorSchemaRoot root() {
        return root;
    }

    /** Loads the next batch into {@link #root()}; false at the end of the chunk. */
    public boolean loadNextBatch() {
        try {
            return reader.loadNextBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of the chunk's Arrow IPC stream read so far (schema and batches, as stored). */
    public long bytesRead() {
        return reader.bytesRead();
    }

    /**
     * The text form of a value of the current batch, as the CSV format renders it (nested values as
     * JSON text), or null for a null value.
     */
    public String text(int column, int row) {
        return renderers.get(column).text(row);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            allocator.close();
        }
    }
}
