package io.hearth.server.store;

import static io.hearth.server.store.Columns.getInstant;
import static io.hearth.server.store.Columns.getLong;
import static io.hearth.server.store.Columns.readEnum;
import static io.hearth.server.store.Columns.setInstant;
import static io.hearth.server.store.Columns.setLong;
import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.SinkResult;
import io.hearth.api.statement.StatementError;
import io.hearth.server.event.EventDraft;
import io.hearth.server.quota.QuotaUsage;
import io.hearth.server.statement.InlineChunk;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementId;
import io.hearth.server.statement.StatementPage;
import io.hearth.server.statement.StatementRepository;
import io.hearth.server.statement.WorkKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Statements in the metadata store, over plain JDBC. Every state change is one {@code UPDATE ...
 * WHERE id = ? AND state IN (...)} whose update count says whether it happened. Times are stored as
 * microseconds since the epoch, so anything finer than a microsecond is dropped. A change that
 * happened writes its event to the outbox in the same transaction ({@link JdbcOutbox#append(Connection,
 * EventDraft)}).
 */
public final class JdbcStatementRepository implements StatementRepository, QuotaUsage {
    private static final String COLUMNS = "id, owner, statement_text, parameters_json, result_format, row_limit,"
            + " idempotency_key, state, created_at, started_at, finished_at, engine_id, error_code, error_message,"
            + " sql_state, manifest_json, result_expires_at, kind, session_id, job_json, result_value, context,"
            + " sink_json, external_id, callback_url";

    private static final String INSERT = "INSERT INTO statements (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM statements WHERE id = ?";
    private static final String FIND_BY_IDEMPOTENCY_KEY =
            "SELECT " + COLUMNS + " FROM statements WHERE owner = ? AND idempotency_key = ?";
    private static final String MARK_RUNNING = "UPDATE statements SET state = 'RUNNING', engine_id = ?, started_at = ?"
            + " WHERE id = ? AND state = 'PENDING'";
    private static final String MARK_SUCCEEDED = "UPDATE statements SET state = 'SUCCEEDED', manifest_json = ?,"
            + " result_value = ?, finished_at = ?, result_expires_at = ?, result_bytes = ?"
            + " WHERE id = ? AND state = 'RUNNING'";
    private static final String RECORD_SINK = "UPDATE statements SET sink_json = ? WHERE id = ? AND state = 'RUNNING'";
    private static final String COUNT_UNFINISHED =
            "SELECT COUNT(*) FROM statements WHERE owner = ? AND state IN ('PENDING', 'RUNNING')";
    private static final String STORED_RESULTS = "SELECT COALESCE(SUM(result_bytes), 0), MIN(result_expires_at)"
            + " FROM statements WHERE owner = ? AND state = 'SUCCEEDED' AND result_expires_at >= ?";
    private static final String MARK_FAILED = "UPDATE statements SET state = 'FAILED', error_code = ?,"
            + " error_message = ?, sql_state = ?, finished_at = ? WHERE id = ? AND state IN ('PENDING', 'RUNNING')";
    private static final String MARK_CANCELED = "UPDATE statements SET state = 'CANCELED', finished_at = ?"
            + " WHERE id = ? AND state IN ('PENDING', 'RUNNING')";
    private static final String MARK_CLOSED =
            "UPDATE statements SET state = 'CLOSED' WHERE id = ? AND state = 'SUCCEEDED'";
    private static final String FIND_EXPIRED = "SELECT id FROM statements"
            + " WHERE state = 'SUCCEEDED' AND result_expires_at < ? ORDER BY result_expires_at, id LIMIT ?";
    private static final String FIND_UNFINISHED =
            "SELECT id FROM statements WHERE state IN ('PENDING', 'RUNNING') ORDER BY created_at, id";
    private static final String FIND_UNFINISHED_IN_SESSION = "SELECT id FROM statements"
            + " WHERE session_id = ? AND state IN ('PENDING', 'RUNNING') ORDER BY created_at, id";
    private static final String EVENT_TARGET =
            "SELECT owner, kind, external_id, callback_url FROM statements WHERE id = ?";
    private static final String COUNT_BY_KIND_AND_STATE =
            "SELECT kind, state, COUNT(*) FROM statements GROUP BY kind, state";

    /** A lost idempotency race is retried this often before giving up (it needs a deleted row). */
    private static final int INSERT_ATTEMPTS = 3;

    private final SqlRunner sql;
    private final StoreJson json;

    public JdbcStatementRepository(DataSource dataSource) {
        this.sql = new SqlRunner(dataSource);
        this.json = new StoreJson();
    }

    @Override
    public Statement insert(Statement statement) {
        requireNonNull(statement, "statement is null");
        for (int attempt = 1; attempt <= INSERT_ATTEMPTS; attempt++) {
            Optional<Statement> stored = tryInsert(statement);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        throw new HearthException(
                ErrorCode.STORE_UNAVAILABLE,
                "metadata store error: cannot insert statement " + statement.id() + " after " + INSERT_ATTEMPTS
                        + " attempts");
    }

    /** The statement now stored for the owner's idempotency key; empty when the race must be run again. */
    private Optional<Statement> tryInsert(Statement statement) {
        try {
            sql.inTransaction("insert statement " + statement.id(), connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    bindRow(insert, statement);
                    insert.executeUpdate();
                }
                JdbcOutbox.append(connection, insertedEvent(statement));
                return null;
            });
            return Optional.of(statement);
        } catch (HearthException e) {
            if (!(e.getCause() instanceof SQLException cause) || !SqlRunner.isUniqueViolation(cause)) {
                throw e;
            }
            if (statement.idempotencyKey() == null) {
                throw new HearthException(
                        ErrorCode.INTERNAL_ERROR,
                        "metadata store error: statement " + statement.id() + " already exists",
                        cause);
            }
        }
        // rolled back, event and all; the owner already used this key: that statement is the answer
        return sql.withConnection("find statement " + statement.id(), connection -> {
            Optional<Statement> existing =
                    findByIdempotencyKey(connection, statement.owner(), statement.idempotencyKey());
            if (existing.isPresent()) {
                return existing;
            }
            // Same id but another key, or the other row vanished in between: try again.
            if (find(connection, statement.id()).isPresent()) {
                throw new HearthException(
                        ErrorCode.INTERNAL_ERROR,
                        "metadata store error: statement " + statement.id() + " already exists");
            }
            return Optional.empty();
        });
    }

    /** QUEUED for new work; work stored already ended (refused while prepared) reports its end. */
    private static EventDraft insertedEvent(Statement statement) {
        Map<String, Object> data = new LinkedHashMap<>();
        EventType type = switch (statement.state()) {
            case PENDING -> EventType.QUEUED;
            case RUNNING -> EventType.STARTED;
            case SUCCEEDED, CLOSED -> EventType.SUCCEEDED;
            case FAILED -> EventType.FAILED;
            case CANCELED -> EventType.CANCELED;
        };
        if (statement.sessionId() != null) {
            data.put("session_id", statement.sessionId());
        }
        if (statement.context() != null) {
            data.put("context", statement.context());
        }
        if (statement.error() != null) {
            data.put("error", statement.error());
        }
        return new EventDraft(
                resourceKind(statement.kind()),
                statement.id().value(),
                statement.owner(),
                statement.externalId(),
                statement.callbackUrl(),
                type,
                statement.createdAt(),
                data);
    }

    private static ResourceKind resourceKind(WorkKind kind) {
        return switch (kind) {
            case STATEMENT -> ResourceKind.STATEMENT;
            case JOB -> ResourceKind.JOB;
        };
    }

    /**
     * Runs a compare-and-set update and, when it changed the statement, writes its event in the same
     * transaction; a change that did not happen writes nothing.
     */
    private boolean changeState(
            String update,
            String what,
            SqlRunner.Binder binder,
            StatementId id,
            EventType type,
            Instant at,
            Map<String, Object> data) {
        return sql.inTransaction(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                binder.bind(statement);
                if (statement.executeUpdate() != 1) {
                    return false;
                }
            }
            JdbcOutbox.append(connection, event(connection, id, type, at, data));
            return true;
        });
    }

    private static EventDraft event(
            Connection connection, StatementId id, EventType type, Instant at, Map<String, Object> data)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(EVENT_TARGET)) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("statement " + id + " vanished while it changed state");
                }
                return new EventDraft(
                        resourceKind(readEnum(WorkKind.class, rows.getString("kind"), "statement " + id)),
                        id.value(),
                        rows.getString("owner"),
                        rows.getString("external_id"),
                        rows.getString("callback_url"),
                        type,
                        at,
                        data);
            }
        }
    }

    private void bindRow(PreparedStatement insert, Statement statement) throws SQLException {
        StatementError error = statement.error();
        insert.setString(1, statement.id().value());
        insert.setString(2, statement.owner());
        insert.setString(3, statement.text());
        insert.setString(4, json.writeParameters(statement.parameters()));
        insert.setString(5, statement.format().name());
        setLong(insert, 6, statement.rowLimit());
        insert.setString(7, statement.idempotencyKey());
        insert.setString(8, statement.state().name());
        insert.setLong(9, Micros.of(statement.createdAt()));
        setInstant(insert, 10, statement.startedAt());
        setInstant(insert, 11, statement.finishedAt());
        insert.setString(12, statement.engineId());
        insert.setString(13, error == null ? null : error.errorCode());
        insert.setString(14, error == null ? null : error.message());
        insert.setString(15, error == null ? null : error.sqlState());
        insert.setString(16, statement.manifest() == null ? null : json.writeManifest(statement.manifest()));
        setInstant(insert, 17, statement.resultExpiresAt());
        insert.setString(18, statement.kind().name());
        insert.setString(19, statement.sessionId());
        insert.setString(20, statement.job() == null ? null : json.writeJob(statement.job()));
        insert.setString(21, statement.resultValue());
        insert.setString(22, statement.context());
        insert.setString(23, statement.sink() == null ? null : json.writeSink(statement.sink()));
        insert.setString(24, statement.externalId());
        insert.setString(25, statement.callbackUrl());
    }

    @Override
    public Optional<Statement> find(StatementId id) {
        requireNonNull(id, "id is null");
        return sql.withConnection("read statement " + id, connection -> find(connection, id));
    }

    private Optional<Statement> find(Connection connection, StatementId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setString(1, id.value());
            return readOne(select);
        }
    }

    private Optional<Statement> findByIdempotencyKey(Connection connection, String owner, String key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FIND_BY_IDEMPOTENCY_KEY)) {
            select.setString(1, owner);
            select.setString(2, key);
            return readOne(select);
        }
    }

    private Optional<Statement> readOne(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(readRow(rows)) : Optional.empty();
        }
    }

    @Override
    public boolean markRunning(StatementId id, String engineId, Instant startedAt) {
        requireNonNull(id, "id is null");
        requireNonNull(engineId, "engineId is null");
        requireNonNull(startedAt, "startedAt is null");
        return changeState(
                MARK_RUNNING,
                "mark statement " + id + " running",
                update -> {
                    update.setString(1, engineId);
                    update.setLong(2, Micros.of(startedAt));
                    update.setString(3, id.value());
                },
                id,
                EventType.STARTED,
                startedAt,
                Map.of("engine_id", engineId));
    }

    @Override
    public boolean markSucceeded(
            StatementId id,
            ResultManifest manifest,
            String resultValue,
            InlineChunk firstChunk,
            Instant finishedAt,
            Instant resultExpiresAt) {
        requireNonNull(id, "id is null");
        requireNonNull(manifest, "manifest is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(resultExpiresAt, "resultExpiresAt is null");
        String manifestJson = json.writeManifest(manifest);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("manifest", manifest);
        if (firstChunk != null) {
            data.put("result", firstChunk);
        }
        if (resultValue != null) {
            data.put("result_value", json.readValue(resultValue));
        }
        data.put("result_expires_at", resultExpiresAt);
        return changeState(
                MARK_SUCCEEDED,
                "mark statement " + id + " succeeded",
                update -> {
                    update.setString(1, manifestJson);
                    update.setString(2, resultValue);
                    update.setLong(3, Micros.of(finishedAt));
                    update.setLong(4, Micros.of(resultExpiresAt));
                    update.setLong(5, manifest.totalByteCount());
                    update.setString(6, id.value());
                },
                id,
                EventType.SUCCEEDED,
                finishedAt,
                data);
    }

    @Override
    public void recordSink(StatementId id, SinkResult sink) {
        requireNonNull(id, "id is null");
        requireNonNull(sink, "sink is null");
        String sinkJson = json.writeSink(sink);
        sql.update(RECORD_SINK, "record the sink of statement " + id, update -> {
            update.setString(1, sinkJson);
            update.setString(2, id.value());
        });
    }

    @Override
    public boolean markFailed(StatementId id, StatementError error, Instant finishedAt) {
        requireNonNull(id, "id is null");
        requireNonNull(error, "error is null");
        requireNonNull(finishedAt, "finishedAt is null");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error", error);
        return changeState(
                MARK_FAILED,
                "mark statement " + id + " failed",
                update -> {
                    update.setString(1, error.errorCode());
                    update.setString(2, error.message());
                    update.setString(3, error.sqlState());
                    update.setLong(4, Micros.of(finishedAt));
                    update.setString(5, id.value());
                },
                id,
                EventType.FAILED,
                finishedAt,
                data);
    }

    @Override
    public boolean markCanceled(StatementId id, Instant finishedAt) {
        requireNonNull(id, "id is null");
        requireNonNull(finishedAt, "finishedAt is null");
        return changeState(
                MARK_CANCELED,
                "mark statement " + id + " canceled",
                update -> {
                    update.setLong(1, Micros.of(finishedAt));
                    update.setString(2, id.value());
                },
                id,
                EventType.CANCELED,
                finishedAt,
                Map.of());
    }

    @Override
    public boolean markClosed(StatementId id) {
        requireNonNull(id, "id is null");
        return sql.update(MARK_CLOSED, "mark statement " + id + " closed", update -> update.setString(1, id.value()));
    }

    @Override
    public List<Statement> list(
            Optional<String> owner,
            WorkKind kind,
            Optional<StatementState> state,
            Optional<String> sessionId,
            Optional<StatementPage> page,
            int limit) {
        requireNonNull(owner, "owner is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(state, "state is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(page, "page is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        StringBuilder list = new StringBuilder("SELECT " + COLUMNS + " FROM statements WHERE kind = ?");
        owner.ifPresent(ignored -> list.append(" AND owner = ?"));
        state.ifPresent(ignored -> list.append(" AND state = ?"));
        sessionId.ifPresent(ignored -> list.append(" AND session_id = ?"));
        page.ifPresent(ignored -> list.append(Keyset.AFTER));
        list.append(Keyset.NEWEST_FIRST);
        return sql.query(
                list.toString(),
                "list statements",
                select -> {
                    int index = 1;
                    select.setString(index++, kind.name());
                    if (owner.isPresent()) {
                        select.setString(index++, owner.get());
                    }
                    if (state.isPresent()) {
                        select.setString(index++, state.get().name());
                    }
                    if (sessionId.isPresent()) {
                        select.setString(index++, sessionId.get());
                    }
                    if (page.isPresent()) {
                        index = Keyset.bind(
                                select,
                                index,
                                page.get().createdAt(),
                                page.get().after().value());
                    }
                    select.setInt(index, limit);
                },
                this::readRow);
    }

    @Override
    public long unfinishedWork(String owner) {
        requireNonNull(owner, "owner is null");
        return sql.queryFirst(
                        COUNT_UNFINISHED,
                        "count the unfinished work of " + owner,
                        select -> select.setString(1, owner),
                        rows -> rows.getLong(1))
                .orElse(0L);
    }

    @Override
    public StoredResults storedResults(String owner, Instant now) {
        requireNonNull(owner, "owner is null");
        requireNonNull(now, "now is null");
        return sql.queryFirst(
                        STORED_RESULTS,
                        "sum the stored results of " + owner,
                        select -> {
                            select.setString(1, owner);
                            select.setLong(2, Micros.of(now));
                        },
                        rows -> {
                            long firstExpiry = rows.getLong(2);
                            return new StoredResults(
                                    rows.getLong(1),
                                    rows.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(firstExpiry)));
                        })
                .orElseThrow();
    }

    @Override
    public List<StatementId> findExpired(Instant now, int limit) {
        requireNonNull(now, "now is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return sql.query(
                FIND_EXPIRED,
                "find expired statements",
                select -> {
                    select.setLong(1, Micros.of(now));
                    select.setInt(2, limit);
                },
                JdbcStatementRepository::readId);
    }

    @Override
    public List<StatementId> findUnfinished() {
        return sql.query(
                FIND_UNFINISHED, "find unfinished statements", SqlRunner.Binder.NONE, JdbcStatementRepository::readId);
    }

    @Override
    public List<StatementId> findUnfinishedInSession(String sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        return sql.query(
                FIND_UNFINISHED_IN_SESSION,
                "find unfinished statements of session " + sessionId,
                select -> select.setString(1, sessionId),
                JdbcStatementRepository::readId);
    }

    private static StatementId readId(ResultSet rows) throws SQLException {
        return new StatementId(rows.getString(1));
    }

    @Override
    public Map<WorkKind, Map<StatementState, Long>> countByKindAndState() {
        Map<WorkKind, Map<StatementState, Long>> counts = new EnumMap<>(WorkKind.class);
        for (WorkKind kind : WorkKind.values()) {
            Map<StatementState, Long> byState = new EnumMap<>(StatementState.class);
            for (StatementState state : StatementState.values()) {
                byState.put(state, 0L);
            }
            counts.put(kind, byState);
        }
        record Count(WorkKind kind, StatementState state, long count) {}
        sql.query(
                        COUNT_BY_KIND_AND_STATE,
                        "count statements",
                        SqlRunner.Binder.NONE,
                        rows -> new Count(
                                WorkKind.valueOf(rows.getString(1)),
                                StatementState.valueOf(rows.getString(2)),
                                rows.getLong(3)))
                .forEach(count -> counts.get(count.kind()).put(count.state(), count.count()));
        return counts;
    }

    private Statement readRow(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        String errorCode = rows.getString("error_code");
        String errorMessage = rows.getString("error_message");
        String sqlState = rows.getString("sql_state");
        StatementError error = errorCode == null && errorMessage == null && sqlState == null
                ? null
                : new StatementError(errorCode, errorMessage, sqlState);
        return new Statement(
                new StatementId(id),
                rows.getString("owner"),
                rows.getString("statement_text"),
                json.readParameters(rows.getString("parameters_json"), id),
                readEnum(ResultFormat.class, rows.getString("result_format"), "statement " + id),
                getLong(rows, "row_limit"),
                rows.getString("idempotency_key"),
                readEnum(StatementState.class, rows.getString("state"), "statement " + id),
                Micros.toInstant(rows.getLong("created_at")),
                getInstant(rows, "started_at"),
                getInstant(rows, "finished_at"),
                rows.getString("engine_id"),
                error,
                json.readManifest(rows.getString("manifest_json"), id),
                getInstant(rows, "result_expires_at"),
                rows.getString("session_id"),
                json.readJob(rows.getString("job_json"), id),
                rows.getString("result_value"),
                rows.getString("context"),
                json.readSink(rows.getString("sink_json"), id),
                rows.getString("external_id"),
                rows.getString("callback_url"));
    }
}
