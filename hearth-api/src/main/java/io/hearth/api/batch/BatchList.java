package io.hearth.api.batch;

import java.util.List;

/**
 * The caller's batches, newest first.
 *
 * @param batches the batches of this page
 * @param nextPageToken give it as {@code page_token} for the next page; null on the last page
 */
public record BatchList(List<BatchInfo> batches, String nextPageToken) {
    public BatchList {
        batches = List.copyOf(batches);
    }
}
