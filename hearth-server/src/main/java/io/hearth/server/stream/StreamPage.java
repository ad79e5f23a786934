package io.hearth.server.stream;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Where a page of a newest-first listing of streams starts: after this stream. */
public record StreamPage(Instant createdAt, StreamId after) {
    public StreamPage {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(after, "after is null");
    }
}
