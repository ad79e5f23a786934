package io.hearth.server.store;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Nullable columns as the store keeps them: JDBC's primitive getters and setters cannot say NULL,
 * and instants are BIGINT microseconds ({@link Micros}).
 */
final class Columns {
    private Columns() {}

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        setLong(statement, index, value == null ? null : Micros.of(value));
    }

    static Long getLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    static Instant getInstant(ResultSet rows, String column) throws SQLException {
        Long micros = getLong(rows, column);
        return micros == null ? null : Micros.toInstant(micros);
    }

    /** A stored enum name; an unknown one is an internal error naming the row, e.g. "statement s-1". */
    static <E extends Enum<E>> E readEnum(Class<E> type, String name, String row) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new HearthException(
                    ErrorCode.INTERNAL_ERROR,
                    "metadata store error: unknown " + type.getSimpleName() + " " + name + " of " + row,
                    e);
        }
    }
}
