package io.hearth.server.batch;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Where a page of a newest-first listing of batches starts: after this batch. */
public record BatchPage(Instant createdAt, BatchId after) {
    public BatchPage {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(after, "after is null");
    }
}
