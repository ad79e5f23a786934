package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import io.hearth.server.http.Paging;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;

/** Where a page of a newest-first listing of statements (or jobs) starts: after this statement. */
public record StatementPage(Instant createdAt, StatementId after) {
    public StatementPage {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(after, "after is null");
    }

    /** The page a request's {@code page_token} asks for, if any. */
    public static Optional<StatementPage> start(Context ctx) {
        return Paging.start(ctx)
                .map(position -> new StatementPage(position.createdAt(), new StatementId(position.id())));
    }

    /** Where the page after {@code last} starts. */
    public static Paging.Position position(Statement last) {
        return new Paging.Position(last.createdAt(), last.id().value());
    }
}
