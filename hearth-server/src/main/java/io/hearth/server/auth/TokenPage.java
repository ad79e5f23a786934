package io.hearth.server.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Where a page of a newest-first listing of tokens starts: after this token. */
public record TokenPage(Instant createdAt, String after) {
    public TokenPage {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(after, "after is null");
    }
}
