package io.hearth.api.stream;

/**
 * When a stream's micro-batches run; at most one of the two.
 *
 * @param processingTime one micro-batch every this long, e.g. {@code 5 seconds}, {@code 500
 *     milliseconds}, {@code 1 minute}
 * @param availableNow when true, process what the source has now, then stop (the stream ends
 *     STOPPED)
 */
public record StreamTrigger(String processingTime, Boolean availableNow) {}
