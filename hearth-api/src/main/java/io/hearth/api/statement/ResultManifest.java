package io.hearth.api.statement;

import io.hearth.api.ResultFormat;
import java.util.List;

/**
 * What a finished result holds: its schema and its chunks.
 *
 * @param format the format chunks are served in unless a request asks for another
 * @param schema the result's columns
 * @param totalRowCount rows kept, over all chunks
 * @param totalChunkCount how many chunks there are
 * @param totalByteCount bytes stored, over all chunks
 * @param truncated whether a row or byte limit cut the result short
 * @param chunks each chunk's place in the result
 */
public record ResultManifest(
        ResultFormat format,
        ResultSchema schema,
        long totalRowCount,
        int totalChunkCount,
        long totalByteCount,
        boolean truncated,
        List<ChunkInfo> chunks) {

    public ResultManifest {
        chunks = List.copyOf(chunks);
    }

    public ResultManifest withFormat(ResultFormat newFormat) {
        return new ResultManifest(newFormat, schema, totalRowCount, totalChunkCount, totalByteCount, truncated, chunks);
    }
}
