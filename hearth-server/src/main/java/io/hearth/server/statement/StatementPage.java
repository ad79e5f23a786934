package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Where a page of a newest-first listing starts: after this statement. */
public record StatementPage(Instant createdAt, StatementId after) {
    public StatementPage {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(after, "after is null");
    }
}
