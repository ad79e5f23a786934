package io.hearth.server.http;

import static java.util.Objects.requireNonNull;

import io.hearth.api.HearthException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Newest-first listings paged by keyset: {@code ?limit=} (default 50, at most 1000) and an opaque
 * {@code ?page_token=} that names the last item shown (its creation time and id), so a page never
 * skips or repeats items when new ones arrive meanwhile.
 */
public final class Paging {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private Paging() {}

    /** Where a page starts: after the item created at {@code createdAt} with this id. */
    public record Position(Instant createdAt, String id) {
        public Position {
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(id, "id is null");
        }
    }

    /** The items to show, and the token of the next page (null on the last page). */
    public record Page<T>(List<T> items, String nextPageToken) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** The request's {@code limit}; fetch one item more, to know whether another page follows. */
    public static int limit(Context ctx) {
        return Requests.intQuery(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    /** The position a {@code page_token} stands for; 400 when this server did not give it out. */
    public static Optional<Position> start(Context ctx) {
        String token = ctx.queryParam("page_token");
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 2);
            return Optional.of(new Position(Instant.parse(parts[0]), parts[1]));
        } catch (RuntimeException e) {
            throw HearthException.invalidField("page_token", "page_token is not one this server gave out");
        }
    }

    /** Cuts what was fetched ({@code limit} + 1 items at most) to a page, with the next page's token. */
    public static <T> Page<T> page(List<T> fetched, int limit, Function<T, Position> positionOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> shown = fetched.subList(0, limit);
        Position last = positionOf.apply(shown.get(limit - 1));
        String token = last.createdAt() + "\n" + last.id();
        return new Page<>(
                shown, Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }
}
