package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import io.hearth.api.HearthException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Where a page of a newest-first listing starts: after this statement. */
public record StatementPage(Instant createdAt, StatementId after) {
    public StatementPage {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(after, "after is null");
    }

    /** The page after {@code last}, as an opaque {@code page_token}. */
    public static String tokenAfter(Statement last) {
        String token = last.createdAt().toString() + "\n" + last.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    /** The page a {@code page_token} stands for; 400 when this server did not give it out. */
    public static StatementPage fromToken(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 2);
            return new StatementPage(Instant.parse(parts[0]), new StatementId(parts[1]));
        } catch (RuntimeException e) {
            throw HearthException.invalidField("page_token", "page_token is not one this server gave out");
        }
    }
}
