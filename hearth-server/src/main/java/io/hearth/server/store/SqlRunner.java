package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.event.EventSignal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs one statement on a connection of its own and turns a failure into STORE_UNAVAILABLE. Each
 * {@code what} names the work in the error message ("cannot " + what); the SQL text never does.
 */
final class SqlRunner {
    /** SQLSTATE of a unique constraint violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    SqlRunner(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** Whether exactly one row changed: the answer of a compare-and-set {@code UPDATE}. */
    boolean update(String sql, String what, Binder binder) {
        return withConnection(what, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                binder.bind(update);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Inserts one row; false, and nothing changed, when its key is already taken. */
    boolean insertIfAbsent(String sql, String what, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            binder.bind(insert);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw storeError(what, e);
        }
    }

    <T> List<T> query(String sql, String what, Binder binder, RowReader<T> reader) {
        return withConnection(what, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                binder.bind(select);
                List<T> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(reader.read(rows));
                    }
                }
                return List.copyOf(found);
            }
        });
    }

    /** The first row the query finds, if any. */
    <T> Optional<T> queryFirst(String sql, String what, Binder binder, RowReader<T> reader) {
        return withConnection(what, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                binder.bind(select);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** For work that needs several statements on one connection. */
    <T> T withConnection(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw storeError(what, e);
        }
    }

    /**
     * For several statements that must happen together: commits when {@code work} returns, rolls
     * back when it throws (a state change and its event, for instance).
     */
    <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            JdbcOutbox.takeAppendedInTransaction();
            try {
                T result = work.run(connection);
                connection.commit();
                if (JdbcOutbox.takeAppendedInTransaction()) {
                    EventSignal.committed();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                JdbcOutbox.takeAppendedInTransaction();
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw storeError(what, e);
        }
    }

    /**
     * A compare-and-set update and, when it changed the row, the event it makes, in one
     * transaction: a change that did not happen writes no event.
     */
    boolean updateWithEvent(String sql, String what, Binder binder, EventReader event) {
        return inTransaction(what, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                binder.bind(update);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            JdbcOutbox.append(connection, event.read(connection));
            return true;
        });
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /** The SQL text is never in the message: it may carry user data through the driver's message. */
    static HearthException storeError(String what, SQLException e) {
        return new HearthException(
                ErrorCode.STORE_UNAVAILABLE,
                "metadata store error: cannot " + what + " (SQLSTATE " + e.getSQLState() + ")",
                e);
    }

    /** Sets the parameters of a prepared statement. */
    @FunctionalInterface
    interface Binder {
        Binder NONE = statement -> {};

        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Builds an event, reading what it needs on the transaction's connection. */
    @FunctionalInterface
    interface EventReader {
        io.hearth.server.event.EventDraft read(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
