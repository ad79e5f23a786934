package io.hearth.api.statement;

/**
 * Where one chunk of a result lies.
 *
 * @param chunkIndex its zero-based number
 * @param rowOffset the index of its first row in the whole result
 * @param rowCount how many rows it holds
 * @param byteCount its size as stored (Arrow IPC); other formats differ
 */
public record ChunkInfo(int chunkIndex, long rowOffset, long rowCount, long byteCount) {}
