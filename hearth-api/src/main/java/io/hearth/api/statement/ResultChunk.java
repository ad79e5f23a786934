package io.hearth.api.statement;

import java.util.List;

/**
 * One chunk of a result in JSON_ARRAY form: rows as arrays of typed values.
 *
 * @param chunkIndex its zero-based number
 * @param rowOffset the index of its first row in the whole result
 * @param rowCount how many rows it holds
 * @param dataArray the rows (numbers, strings, booleans, null; decimals as strings; dates and
 *     timestamps ISO-8601; arrays, maps and structs as JSON)
 * @param nextChunkIndex the next chunk's number, or null after the last
 * @param nextChunkInternalLink the path of the next chunk, or null after the last
 */
public record ResultChunk(
        int chunkIndex,
        long rowOffset,
        long rowCount,
        List<List<Object>> dataArray,
        Integer nextChunkIndex,
        String nextChunkInternalLink) {}
