package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A small result's first chunk as its SUCCEEDED event carries it, so a listener needs no second
 * request (the same fields as {@code result} in a statement's JSON).
 *
 * @param dataArray the chunk's rows, each an array of JSON values
 */
public record InlineChunk(int chunkIndex, long rowOffset, long rowCount, JsonNode dataArray) {
    public InlineChunk {
        requireNonNull(dataArray, "dataArray is null");
    }
}
