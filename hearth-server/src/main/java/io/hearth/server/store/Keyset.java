package io.hearth.server.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The keyset clause of newest-first listings ({@code ORDER BY created_at DESC, id DESC}): rows
 * after the last one a page showed, so pages neither skip nor repeat rows as new ones arrive.
 */
final class Keyset {
    /** Appended to a WHERE clause; binds three values (see {@link #bind}). */
    static final String AFTER = " AND (created_at < ? OR (created_at = ? AND id < ?))";

    static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC LIMIT ?";

    private Keyset() {}

    /** Binds {@link #AFTER} from {@code index}; returns the next index. */
    static int bind(PreparedStatement select, int index, Instant createdAt, String id) throws SQLException {
        long micros = Micros.of(createdAt);
        select.setLong(index, micros);
        select.setLong(index + 1, micros);
        select.setString(index + 2, id);
        return index + 3;
    }
}
