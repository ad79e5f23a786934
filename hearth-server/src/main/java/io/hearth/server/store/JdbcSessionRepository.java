package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.session.SessionCloseReason;
import io.hearth.api.session.SessionState;
import io.hearth.server.session.Session;
import io.hearth.server.session.SessionActivity;
import io.hearth.server.session.SessionId;
import io.hearth.server.session.SessionPage;
import io.hearth.server.session.SessionRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sessions in the metadata store, over plain JDBC. State changes are one {@code UPDATE ... WHERE id
 * = ? AND state = 'OPEN'} whose update count says whether it happened.
 */
public final class JdbcSessionRepository implements SessionRepository {
    private static final String COLUMNS =
            "id, owner, context, conf_json, engine_id, state, created_at, last_used_at, closed_at, close_reason";
    private static final String INSERT = "INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM sessions WHERE id = ?";
    private static final String TOUCH =
            "UPDATE sessions SET last_used_at = GREATEST(last_used_at, ?)" + " WHERE id = ? AND state = 'OPEN'";
    private static final String MARK_CLOSED = "UPDATE sessions SET state = 'CLOSED', close_reason = ?, closed_at = ?"
            + " WHERE id = ? AND state = 'OPEN'";
    /** Idle: not used since the cut-off, and no statement of it unfinished or finished since. */
    private static final String IDLE = "state = 'OPEN' AND last_used_at < ? AND NOT EXISTS (SELECT 1 FROM statements"
            + " WHERE statements.session_id = sessions.id"
            + " AND (statements.state IN ('PENDING', 'RUNNING') OR statements.finished_at >= ?))";

    private static final String FIND_IDLE =
            "SELECT id FROM sessions WHERE " + IDLE + " ORDER BY last_used_at, id LIMIT ?";
    private static final String MARK_IDLE_CLOSED =
            "UPDATE sessions SET state = 'CLOSED', close_reason = 'IDLE', closed_at = ? WHERE id = ? AND " + IDLE;
    private static final String FIND_OPEN_ON_ENGINE =
            "SELECT id FROM sessions WHERE engine_id = ? AND state = 'OPEN' ORDER BY created_at, id";
    private static final String FIND_OPEN = "SELECT id FROM sessions WHERE state = 'OPEN' ORDER BY created_at, id";
    private static final String COUNT_STATEMENTS = "SELECT COUNT(*) FROM statements WHERE session_id = ?";
    private static final String LAST_STATEMENT =
            "SELECT id FROM statements WHERE session_id = ? ORDER BY created_at DESC, id DESC LIMIT 1";

    private final DataSource dataSource;
    private final StoreJson json;

    public JdbcSessionRepository(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.json = new StoreJson();
    }

    @Override
    public void insert(Session session) {
        requireNonNull(session, "session is null");
        update(INSERT, "insert session " + session.id(), insert -> {
            insert.setString(1, session.id().value());
            insert.setString(2, session.owner());
            insert.setString(3, session.context());
            insert.setString(4, json.writeConf(session.conf()));
            insert.setString(5, session.engineId());
            insert.setString(6, session.state().name());
            insert.setLong(7, Micros.of(session.createdAt()));
            insert.setLong(8, Micros.of(session.lastUsedAt()));
            setInstant(insert, 9, session.closedAt());
            insert.setString(
                    10,
                    session.closeReason() == null ? null : session.closeReason().name());
        });
    }

    @Override
    public Optional<Session> find(SessionId id) {
        requireNonNull(id, "id is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(readRow(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw storeError("cannot read session " + id, e);
        }
    }

    @Override
    public List<Session> list(String owner, Optional<SessionPage> page, int limit) {
        requireNonNull(owner, "owner is null");
        requireNonNull(page, "page is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sessions WHERE owner = ?");
        page.ifPresent(ignored -> sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))"));
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            select.setString(index++, owner);
            if (page.isPresent()) {
                long createdAt = Micros.of(page.get().createdAt());
                select.setLong(index++, createdAt);
                select.setLong(index++, createdAt);
                select.setString(index++, page.get().after().value());
            }
            select.setInt(index, limit);
            List<Session> sessions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sessions.add(readRow(rows));
                }
            }
            return List.copyOf(sessions);
        } catch (SQLException e) {
            throw storeError("cannot list sessions", e);
        }
    }

    @Override
    public boolean touch(SessionId id, Instant usedAt) {
        requireNonNull(id, "id is null");
        requireNonNull(usedAt, "usedAt is null");
        return update(TOUCH, "touch session " + id, update -> {
            update.setLong(1, Micros.of(usedAt));
            update.setString(2, id.value());
        });
    }

    @Override
    public boolean markClosed(SessionId id, SessionCloseReason reason, Instant closedAt) {
        requireNonNull(id, "id is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(closedAt, "closedAt is null");
        return update(MARK_CLOSED, "close session " + id, update -> {
            update.setString(1, reason.name());
            update.setLong(2, Micros.of(closedAt));
            update.setString(3, id.value());
        });
    }

    @Override
    public List<SessionId> findIdle(Instant idleSince, int limit) {
        requireNonNull(idleSince, "idleSince is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return selectIds(FIND_IDLE, "find idle sessions", select -> {
            select.setLong(1, Micros.of(idleSince));
            select.setLong(2, Micros.of(idleSince));
            select.setInt(3, limit);
        });
    }

    @Override
    public boolean markIdleClosed(SessionId id, Instant idleSince, Instant closedAt) {
        requireNonNull(id, "id is null");
        requireNonNull(idleSince, "idleSince is null");
        requireNonNull(closedAt, "closedAt is null");
        return update(MARK_IDLE_CLOSED, "close idle session " + id, update -> {
            update.setLong(1, Micros.of(closedAt));
            update.setString(2, id.value());
            update.setLong(3, Micros.of(idleSince));
            update.setLong(4, Micros.of(idleSince));
        });
    }

    @Override
    public List<SessionId> findOpenOnEngine(String engineId) {
        requireNonNull(engineId, "engineId is null");
        return selectIds(
                FIND_OPEN_ON_ENGINE,
                "find the sessions of engine " + engineId,
                select -> select.setString(1, engineId));
    }

    @Override
    public List<SessionId> findOpen() {
        return selectIds(FIND_OPEN, "find open sessions", select -> {});
    }

    @Override
    public SessionActivity activity(SessionId id) {
        requireNonNull(id, "id is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(COUNT_STATEMENTS);
                PreparedStatement last = connection.prepareStatement(LAST_STATEMENT)) {
            count.setString(1, id.value());
            last.setString(1, id.value());
            long statements;
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                statements = rows.getLong(1);
            }
            try (ResultSet rows = last.executeQuery()) {
                return new SessionActivity(statements, rows.next() ? rows.getString(1) : null);
            }
        } catch (SQLException e) {
            throw storeError("cannot read the statements of session " + id, e);
        }
    }

    private boolean update(String sql, String what, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            binder.bind(update);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw storeError("cannot " + what, e);
        }
    }

    private List<SessionId> selectIds(String sql, String what, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            List<SessionId> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(new SessionId(rows.getString(1)));
                }
            }
            return List.copyOf(ids);
        } catch (SQLException e) {
            throw storeError("cannot " + what, e);
        }
    }

    private Session readRow(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        String closeReason = rows.getString("close_reason");
        return new Session(
                new SessionId(id),
                rows.getString("owner"),
                rows.getString("context"),
                json.readConf(rows.getString("conf_json"), id),
                rows.getString("engine_id"),
                readEnum(SessionState.class, rows.getString("state"), id),
                Micros.toInstant(rows.getLong("created_at")),
                Micros.toInstant(rows.getLong("last_used_at")),
                getInstant(rows, "closed_at"),
                closeReason == null ? null : readEnum(SessionCloseReason.class, closeReason, id));
    }

    private static <E extends Enum<E>> E readEnum(Class<E> type, String name, String sessionId) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new HearthException(
                    ErrorCode.INTERNAL_ERROR,
                    "metadata store error: unknown " + type.getSimpleName() + " " + name + " of session " + sessionId,
                    e);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, Micros.of(value));
        }
    }

    private static Instant getInstant(ResultSet rows, String column) throws SQLException {
        long micros = rows.getLong(column);
        return rows.wasNull() ? null : Micros.toInstant(micros);
    }

    private static HearthException storeError(String what, SQLException e) {
        return new HearthException(
                ErrorCode.STORE_UNAVAILABLE,
                "metadata store error: " + what + " (SQLSTATE " + e.getSQLState() + ")",
                e);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
