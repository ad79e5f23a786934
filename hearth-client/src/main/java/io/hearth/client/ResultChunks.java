package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ResultFormat;
import io.hearth.api.statement.ResultChunk;
import io.hearth.api.statement.ResultManifest;
import java.io.InputStream;
import java.util.Map;

/**
 * The chunks of one finished result, a statement's or a job's Dataset: its manifest, and chunk
 * {@code n} fetched on demand in any format. Every reader of results ({@link ResultRows}, {@code
 * ArrowChunks}, raw streams) reads through this, so it serves statements and jobs alike. Obtained
 * from {@link Statements#result} or {@link Jobs#result}; thread-safe; holds nothing open.
 */
public final class ResultChunks {
    private final RestTransport transport;
    private final String what;
    private final String resultPath;
    private final ResultManifest manifest;
    private final ResultChunk firstChunk;

    /**
     * @param what the work the result belongs to, for messages ({@code statement 1f0c...})
     * @param resultPath where its chunks live, without {@code /chunks/n} ({@code /v1/jobs/ID/result})
     * @param firstChunk the first chunk when the gateway sent it inline, else null
     */
    ResultChunks(
            RestTransport transport, String what, String resultPath, ResultManifest manifest, ResultChunk firstChunk) {
        this.transport = requireNonNull(transport, "transport is null");
        this.what = requireNonNull(what, "what is null");
        this.resultPath = requireNonNull(resultPath, "resultPath is null");
        this.manifest = requireNonNull(manifest, "manifest is null");
        this.firstChunk = firstChunk != null && firstChunk.chunkIndex() == 0 ? firstChunk : null;
    }

    /** The work the result belongs to, as {@code statement ID} or {@code job ID}. */
    public String describe() {
        return what;
    }

    /** Row and chunk counts, the schema, and whether a limit truncated the result. */
    public ResultManifest manifest() {
        return manifest;
    }

    /** How many chunks there are; they are numbered from 0. */
    public int chunkCount() {
        return manifest.totalChunkCount();
    }

    /**
     * Chunk {@code n}, streamed as the gateway sends it: JSON_ARRAY ({@code {"chunk_index", ...,
     * "data_array"}}), CSV (with a header row), ARROW_STREAM (an Arrow IPC stream) or
     * BSON (one document per row, concatenated). The caller
     * closes the stream; nothing is buffered here.
     */
    public InputStream fetchChunk(int chunkIndex, ResultFormat format) {
        return fetchChunk(transport, resultPath, chunkIndex, format);
    }

    /** Chunk {@code n} as JSON rows (values as the gateway renders them); the inline one is not fetched again. */
    public ResultChunk fetchJsonChunk(int chunkIndex) {
        if (chunkIndex == 0 && firstChunk != null) {
            return firstChunk;
        }
        return fetchJsonChunk(transport, resultPath, chunkIndex);
    }

    /** The rows as typed values, fetched one chunk at a time as they are read. */
    public ResultRows rows() {
        return new ResultRows(this);
    }

    /** Chunk {@code n} of the result at {@code resultPath}, for callers who know only its id. */
    static InputStream fetchChunk(RestTransport transport, String resultPath, int chunkIndex, ResultFormat format) {
        requireNonNull(format, "format is null");
        return transport.stream(
                RestTransport.withQuery(chunkPath(resultPath, chunkIndex), Map.of("format", format.name())),
                format.mediaType());
    }

    static ResultChunk fetchJsonChunk(RestTransport transport, String resultPath, int chunkIndex) {
        String path = RestTransport.withQuery(
                chunkPath(resultPath, chunkIndex), Map.of("format", ResultFormat.JSON_ARRAY.name()));
        return transport.send("GET", path, null, ResultChunk.class);
    }

    private static String chunkPath(String resultPath, int chunkIndex) {
        if (chunkIndex < 0) {
            throw new IllegalArgumentException("chunkIndex must not be negative");
        }
        return resultPath + "/chunks/" + chunkIndex;
    }
}
