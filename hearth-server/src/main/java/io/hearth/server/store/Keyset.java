package io.hearth.server.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The keyset clause of newest-first listings ({@code ORDER BY created_at DESC, id DESC}): rows
 * after the last one a page showed, so pages neither skip nor repeat rows as new ones arrive.
 */
final class Keyset {
    /** Appended to a WHERE clause; binds three values (see {@link #bind}). */
    static final String AFTER = " AND (created_at < ? OR (created_at = ? AND id < ?))";

    static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC LIMIT ?";

    private Keyset() {}

    /**
     * One owner's rows (every owner's when {@code owner} is empty) of a table with {@code owner},
     * {@code created_at} and {@code id} columns, newest first, after the last row of a page.
     *
     * @param afterCreatedAt and {@code afterId}: the last row the previous page showed, or empty
     */
    static <T> List<T> ownersNewestFirst(
            SqlRunner sql,
            String table,
            String columns,
            Optional<String> owner,
            Optional<Instant> afterCreatedAt,
            Optional<String> afterId,
            int limit,
            SqlRunner.RowReader<T> reader) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (afterCreatedAt.isPresent() != afterId.isPresent()) {
            throw new IllegalArgumentException("a page starts after both a creation time and an id, or neither");
        }
        String list = "SELECT " + columns + " FROM " + table + " WHERE " + (owner.isPresent() ? "owner = ?" : "1 = 1")
                + (afterId.isPresent() ? AFTER : "")
                + NEWEST_FIRST;
        return sql.query(
                list,
                "list " + table,
                select -> {
                    int index = 1;
                    if (owner.isPresent()) {
                        select.setString(index++, owner.get());
                    }
                    if (afterId.isPresent()) {
                        index = bind(select, index, afterCreatedAt.get(), afterId.get());
                    }
                    select.setInt(index, limit);
                },
                reader);
    }

    /** Binds {@link #AFTER} from {@code index}; returns the next index. */
    static int bind(PreparedStatement select, int index, Instant createdAt, String id) throws SQLException {
        long micros = Micros.of(createdAt);
        select.setLong(index, micros);
        select.setLong(index + 1, micros);
        select.setString(index + 2, id);
        return index + 3;
    }
}
