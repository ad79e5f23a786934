package io.hearth.server.store;

import static io.hearth.server.store.Columns.getInstant;
import static io.hearth.server.store.Columns.readEnum;
import static io.hearth.server.store.Columns.setInstant;
import static java.util.Objects.requireNonNull;

import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.api.session.SessionCloseReason;
import io.hearth.api.session.SessionState;
import io.hearth.server.event.EventDraft;
import io.hearth.server.session.Session;
import io.hearth.server.session.SessionActivity;
import io.hearth.server.session.SessionId;
import io.hearth.server.session.SessionPage;
import io.hearth.server.session.SessionRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final String OWNER = "SELECT owner FROM sessions WHERE id = ?";
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

    private final SqlRunner sql;
    private final StoreJson json;

    public JdbcSessionRepository(DataSource dataSource) {
        this.sql = new SqlRunner(dataSource);
        this.json = new StoreJson();
    }

    @Override
    public void insert(Session session) {
        requireNonNull(session, "session is null");
        sql.inTransaction("insert session " + session.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
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
                        session.closeReason() == null
                                ? null
                                : session.closeReason().name());
                insert.executeUpdate();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("context", session.context());
            data.put("engine_id", session.engineId());
            JdbcOutbox.append(
                    connection,
                    new EventDraft(
                            ResourceKind.SESSION,
                            session.id().value(),
                            session.owner(),
                            null,
                            null,
                            EventType.STARTED,
                            session.createdAt(),
                            data));
            return null;
        });
    }

    @Override
    public Optional<Session> find(SessionId id) {
        requireNonNull(id, "id is null");
        return sql.queryFirst(FIND, "read session " + id, select -> select.setString(1, id.value()), this::readRow);
    }

    @Override
    public List<Session> list(Optional<String> owner, Optional<SessionPage> page, int limit) {
        requireNonNull(owner, "owner is null");
        requireNonNull(page, "page is null");
        return Keyset.ownersNewestFirst(
                sql,
                "sessions",
                COLUMNS,
                owner,
                page.map(SessionPage::createdAt),
                page.map(start -> start.after().value()),
                limit,
                this::readRow);
    }

    @Override
    public boolean touch(SessionId id, Instant usedAt) {
        requireNonNull(id, "id is null");
        requireNonNull(usedAt, "usedAt is null");
        return sql.update(TOUCH, "touch session " + id, update -> {
            update.setLong(1, Micros.of(usedAt));
            update.setString(2, id.value());
        });
    }

    @Override
    public boolean markClosed(SessionId id, SessionCloseReason reason, Instant closedAt) {
        requireNonNull(id, "id is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(closedAt, "closedAt is null");
        return sql.updateWithEvent(
                MARK_CLOSED,
                "close session " + id,
                update -> {
                    update.setString(1, reason.name());
                    update.setLong(2, Micros.of(closedAt));
                    update.setString(3, id.value());
                },
                closedEvent(id, reason, closedAt));
    }

    @Override
    public List<SessionId> findIdle(Instant idleSince, int limit) {
        requireNonNull(idleSince, "idleSince is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return sql.query(
                FIND_IDLE,
                "find idle sessions",
                select -> {
                    select.setLong(1, Micros.of(idleSince));
                    select.setLong(2, Micros.of(idleSince));
                    select.setInt(3, limit);
                },
                JdbcSessionRepository::readId);
    }

    @Override
    public boolean markIdleClosed(SessionId id, Instant idleSince, Instant closedAt) {
        requireNonNull(id, "id is null");
        requireNonNull(idleSince, "idleSince is null");
        requireNonNull(closedAt, "closedAt is null");
        return sql.updateWithEvent(
                MARK_IDLE_CLOSED,
                "close idle session " + id,
                update -> {
                    update.setLong(1, Micros.of(closedAt));
                    update.setString(2, id.value());
                    update.setLong(3, Micros.of(idleSince));
                    update.setLong(4, Micros.of(idleSince));
                },
                closedEvent(id, SessionCloseReason.IDLE, closedAt));
    }

    /** STOPPED when closed on request or idle; LOST when its engine (or the gateway) went away under it. */
    private static SqlRunner.EventReader closedEvent(SessionId id, SessionCloseReason reason, Instant closedAt) {
        EventType type = switch (reason) {
            case REQUESTED, IDLE -> EventType.STOPPED;
            case ENGINE_LOST, GATEWAY_RESTARTED -> EventType.LOST;
        };
        return connection -> {
            try (PreparedStatement select = connection.prepareStatement(OWNER)) {
                select.setString(1, id.value());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new SQLException("session " + id + " vanished while it closed");
                    }
                    return new EventDraft(
                            ResourceKind.SESSION,
                            id.value(),
                            rows.getString(1),
                            null,
                            null,
                            type,
                            closedAt,
                            Map.of("reason", reason.name()));
                }
            }
        };
    }

    @Override
    public List<SessionId> findOpenOnEngine(String engineId) {
        requireNonNull(engineId, "engineId is null");
        return sql.query(
                FIND_OPEN_ON_ENGINE,
                "find the sessions of engine " + engineId,
                select -> select.setString(1, engineId),
                JdbcSessionRepository::readId);
    }

    @Override
    public List<SessionId> findOpen() {
        return sql.query(FIND_OPEN, "find open sessions", SqlRunner.Binder.NONE, JdbcSessionRepository::readId);
    }

    @Override
    public SessionActivity activity(SessionId id) {
        requireNonNull(id, "id is null");
        return sql.withConnection("read the statements of session " + id, connection -> {
            try (PreparedStatement count = connection.prepareStatement(COUNT_STATEMENTS);
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
            }
        });
    }

    private static SessionId readId(ResultSet rows) throws SQLException {
        return new SessionId(rows.getString(1));
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
                readEnum(SessionState.class, rows.getString("state"), "session " + id),
                Micros.toInstant(rows.getLong("created_at")),
                Micros.toInstant(rows.getLong("last_used_at")),
                getInstant(rows, "closed_at"),
                closeReason == null ? null : readEnum(SessionCloseReason.class, closeReason, "session " + id));
    }
}
