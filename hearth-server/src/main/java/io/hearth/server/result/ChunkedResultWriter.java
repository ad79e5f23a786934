package io.hearth.server.result;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ResultFormat;
import io.hearth.api.statement.ChunkInfo;
import io.hearth.api.statement.ColumnInfo;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.ResultSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a result into chunk files by concatenating Arrow IPC messages: each chunk is the schema
 * message, its batch messages and the end-of-stream marker, so each is a complete Arrow IPC stream.
 * A chunk is written to a temporary file and renamed into place when closed.
 */
final class ChunkedResultWriter implements ResultWriter {
    static final byte[] END_OF_STREAM = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};

    private enum State {
        AWAITING_SCHEMA,
        WRITING,
        COMPLETED,
        ABORTED
    }

    private final ResultDirectory directory;
    private final String resultId;
    private final ResultConfig config;
    private final List<ChunkInfo> chunks = new ArrayList<>();

    private State state = State.AWAITING_SCHEMA;
    private byte[] schemaMessage;
    private List<ColumnInfo> columns;
    private boolean dropped;
    private long closedChunkRows;
    private long closedChunkBytes;

    // The chunk being written, if any.
    private FileChannel chunkChannel;
    private Path chunkTempPath;
    private long chunkRows;
    private long chunkBytes;
    private int chunkBatches;

    ChunkedResultWriter(ResultDirectory directory, String resultId, ResultConfig config) {
        this.directory = requireNonNull(directory, "directory is null");
        this.resultId = requireNonNull(resultId, "resultId is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public void schema(byte[] arrowSchemaMessage, List<ColumnInfo> columns) {
        requireNonNull(arrowSchemaMessage, "arrowSchemaMessage is null");
        requireNonNull(columns, "columns is null");
        requireState(State.AWAITING_SCHEMA, "schema");
        if (arrowSchemaMessage.length == 0) {
            throw new IllegalArgumentException("the Arrow schema message is empty");
        }
        this.schemaMessage = arrowSchemaMessage.clone();
        List<ColumnInfo> numbered = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo column = columns.get(i);
            numbered.add(new ColumnInfo(column.name(), column.type(), i, column.nullable()));
        }
        this.columns = List.copyOf(numbered);
        state = State.WRITING;
    }

    @Override
    public boolean batch(byte[] recordBatchMessage, long rowCount) {
        requireNonNull(recordBatchMessage, "recordBatchMessage is null");
        requireState(State.WRITING, "batch");
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount is negative: " + rowCount);
        }
        if (dropped) {
            return false;
        }
        boolean startsChunk = chunkChannel == null || isFull();
        // the open chunk, once closed, adds its own end-of-stream marker too
        long openChunkBytes = chunkChannel == null ? 0 : chunkBytes + (startsChunk ? END_OF_STREAM.length : 0);
        long resultBytesAfter = closedChunkBytes
                + openChunkBytes
                + (startsChunk ? schemaMessage.length : 0)
                + recordBatchMessage.length
                + END_OF_STREAM.length;
        if (resultBytesAfter > config.maxBytes()) {
            dropped = true;
            return false;
        }
        try {
            if (startsChunk) {
                if (chunkChannel != null) {
                    closeChunk();
                }
                openChunk();
            }
            write(recordBatchMessage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write result " + resultId, e);
        }
        chunkRows += rowCount;
        chunkBatches++;
        return true;
    }

    private boolean isFull() {
        return chunkBatches > 0 && (chunkRows >= config.chunkMaxRows() || chunkBytes >= config.chunkMaxBytes());
    }

    @Override
    public ResultManifest complete(boolean truncatedUpstream) {
        requireState(State.WRITING, "complete");
        try {
            // An empty result still gets chunk 0 (schema and end of stream), so chunk 0 always exists.
            if (chunkChannel == null && chunks.isEmpty()) {
                openChunk();
            }
            if (chunkChannel != null) {
                closeChunk();
            }
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot write result " + resultId, e);
        }
        ResultManifest manifest = new ResultManifest(
                ResultFormat.JSON_ARRAY,
                new ResultSchema(columns),
                closedChunkRows,
                chunks.size(),
                closedChunkBytes,
                truncatedUpstream || dropped,
                chunks);
        try {
            directory.writeManifest(resultId, manifest);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
        state = State.COMPLETED;
        return manifest;
    }

    @Override
    public void abort() {
        if (state == State.COMPLETED || state == State.ABORTED) {
            return;
        }
        state = State.ABORTED;
        try {
            if (chunkChannel != null) {
                chunkChannel.close();
                chunkChannel = null;
            }
        } catch (IOException e) {
            // the files are deleted next; nothing more can be done with this one
        } finally {
            directory.delete(resultId);
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void openChunk() throws IOException {
        Path result = directory.resultPath(resultId);
        Files.createDirectories(result);
        chunkTempPath = result.resolve(ResultDirectory.chunkFileName(chunks.size()) + ResultDirectory.TEMP_SUFFIX);
        chunkChannel = FileChannel.open(
                chunkTempPath,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        chunkRows = 0;
        chunkBytes = 0;
        chunkBatches = 0;
        write(schemaMessage);
    }

    private void closeChunk() throws IOException {
        write(END_OF_STREAM);
        if (config.fsync()) {
            chunkChannel.force(false);
        }
        chunkChannel.close();
        chunkChannel = null;
        int index = chunks.size();
        ResultDirectory.moveIntoPlace(chunkTempPath, directory.chunkPath(resultId, index));
        chunks.add(new ChunkInfo(index, closedChunkRows, chunkRows, chunkBytes));
        closedChunkRows += chunkRows;
        closedChunkBytes += chunkBytes;
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            chunkChannel.write(buffer);
        }
        chunkBytes += bytes.length;
    }

    private void requireState(State expected, String operation) {
        if (state != expected) {
            throw new IllegalStateException(
                    "cannot call " + operation + " on result " + resultId + " in state " + state);
        }
    }
}
