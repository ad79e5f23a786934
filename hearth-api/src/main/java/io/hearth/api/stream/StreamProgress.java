package io.hearth.api.stream;

import java.time.Instant;

/**
 * One micro-batch of a stream, from Spark's {@code StreamingQueryProgress}.
 *
 * @param batchId the batch's id; it goes on counting after a restart from the checkpoint
 * @param timestamp when the batch started
 * @param numInputRows rows the batch read
 * @param inputRowsPerSecond the rate rows arrived at
 * @param processedRowsPerSecond the rate the batch processed them at
 * @param batchDurationMs how long the batch took (trigger execution)
 * @param numOutputRows rows the sink wrote, or -1 when the sink does not say
 */
public record StreamProgress(
        long batchId,
        Instant timestamp,
        long numInputRows,
        double inputRowsPerSecond,
        double processedRowsPerSecond,
        long batchDurationMs,
        long numOutputRows) {}
