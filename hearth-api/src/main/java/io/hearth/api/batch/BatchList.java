package io.hearth.api.batch;

import java.util.List;

/**
 * The caller's batches, newest first.
 *
 * @param batches the batches
 */
public record BatchList(List<BatchInfo> batches) {
    public BatchList {
        batches = List.copyOf(batches);
    }
}
