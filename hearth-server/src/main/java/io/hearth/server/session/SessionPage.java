package io.hearth.server.session;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Where a page of a newest-first listing of sessions starts: after this session. */
public record SessionPage(Instant createdAt, SessionId after) {
    public SessionPage {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(after, "after is null");
    }
}
