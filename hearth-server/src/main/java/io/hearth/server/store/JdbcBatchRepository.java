package io.hearth.server.store;

import static io.hearth.server.store.Columns.getInstant;
import static io.hearth.server.store.Columns.getLong;
import static io.hearth.server.store.Columns.setInstant;
import static io.hearth.server.store.Columns.setLong;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.batch.BatchError;
import io.hearth.api.batch.BatchState;
import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.server.batch.Batch;
import io.hearth.server.batch.BatchId;
import io.hearth.server.batch.BatchPage;
import io.hearth.server.batch.BatchRepository;
import io.hearth.server.event.EventDraft;
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
 * Batches in the metadata store, over plain JDBC. Every state change is one {@code UPDATE ...
 * WHERE id = ? AND state IN (...)} whose update count says whether it happened.
 */
public final class JdbcBatchRepository implements BatchRepository {
    private static final TypeReference<List<String>> ARGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> CONF = new TypeReference<>() {};

    private static final String COLUMNS = "id, owner, artifact_id, class_name, args_json, conf_json, state,"
            + " created_at, started_at, finished_at, pid, exit_code, error_code, error_message, external_id, callback_url";
    private static final String INSERT =
            "INSERT INTO batches (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String EVENT_TARGET = "SELECT owner, external_id, callback_url FROM batches WHERE id = ?";
    private static final String FIND = "SELECT " + COLUMNS + " FROM batches WHERE id = ?";
    private static final String MARK_RUNNING =
            "UPDATE batches SET state = 'RUNNING', pid = ?, started_at = ?" + " WHERE id = ? AND state = 'PENDING'";
    private static final String MARK_SUCCEEDED = "UPDATE batches SET state = 'SUCCEEDED', exit_code = 0,"
            + " finished_at = ? WHERE id = ? AND state = 'RUNNING'";
    private static final String MARK_FAILED = "UPDATE batches SET state = 'FAILED', exit_code = ?, error_code = ?,"
            + " error_message = ?, finished_at = ? WHERE id = ? AND state IN ('PENDING', 'RUNNING')";
    private static final String MARK_KILLED = "UPDATE batches SET state = 'KILLED', exit_code = ?, finished_at = ?"
            + " WHERE id = ? AND state IN ('PENDING', 'RUNNING')";
    private static final String FIND_UNFINISHED =
            "SELECT id FROM batches WHERE state IN ('PENDING', 'RUNNING') ORDER BY created_at, id";

    private final SqlRunner sql;
    private final ObjectMapper json = new ObjectMapper();

    public JdbcBatchRepository(DataSource dataSource) {
        this.sql = new SqlRunner(dataSource);
    }

    @Override
    public void insert(Batch batch) {
        requireNonNull(batch, "batch is null");
        sql.inTransaction("insert batch " + batch.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                bindRow(insert, batch);
                insert.executeUpdate();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("artifact_id", batch.artifactId());
            data.put("class_name", batch.className());
            JdbcOutbox.append(
                    connection,
                    new EventDraft(
                            ResourceKind.BATCH,
                            batch.id().value(),
                            batch.owner(),
                            batch.externalId(),
                            batch.callbackUrl(),
                            EventType.QUEUED,
                            batch.createdAt(),
                            data));
            return null;
        });
    }

    private void bindRow(PreparedStatement insert, Batch batch) throws SQLException {
        insert.setString(1, batch.id().value());
        insert.setString(2, batch.owner());
        insert.setString(3, batch.artifactId());
        insert.setString(4, batch.className());
        insert.setString(5, write(batch.args()));
        insert.setString(6, write(batch.conf()));
        insert.setString(7, batch.state().name());
        insert.setLong(8, Micros.of(batch.createdAt()));
        setInstant(insert, 9, batch.startedAt());
        setInstant(insert, 10, batch.finishedAt());
        setLong(insert, 11, batch.pid());
        setLong(insert, 12, batch.exitCode() == null ? null : batch.exitCode().longValue());
        insert.setString(13, batch.error() == null ? null : batch.error().errorCode());
        insert.setString(14, batch.error() == null ? null : batch.error().message());
        insert.setString(15, batch.externalId());
        insert.setString(16, batch.callbackUrl());
    }

    /** The batch's event, with its owner and event settings read in the change's transaction. */
    private static SqlRunner.EventReader event(BatchId id, EventType type, Instant at, Map<String, Object> data) {
        return connection -> {
            try (PreparedStatement select = connection.prepareStatement(EVENT_TARGET)) {
                select.setString(1, id.value());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new SQLException("batch " + id + " vanished while it changed state");
                    }
                    return new EventDraft(
                            ResourceKind.BATCH,
                            id.value(),
                            rows.getString("owner"),
                            rows.getString("external_id"),
                            rows.getString("callback_url"),
                            type,
                            at,
                            data);
                }
            }
        };
    }

    @Override
    public Optional<Batch> find(BatchId id) {
        requireNonNull(id, "id is null");
        return sql.queryFirst(FIND, "read batch " + id, select -> select.setString(1, id.value()), this::readRow);
    }

    @Override
    public List<Batch> list(Optional<String> owner, Optional<BatchPage> page, int limit) {
        requireNonNull(owner, "owner is null");
        requireNonNull(page, "page is null");
        return Keyset.ownersNewestFirst(
                sql,
                "batches",
                COLUMNS,
                owner,
                page.map(BatchPage::createdAt),
                page.map(start -> start.after().value()),
                limit,
                this::readRow);
    }

    @Override
    public boolean markRunning(BatchId id, long pid, Instant startedAt) {
        requireNonNull(startedAt, "startedAt is null");
        return sql.updateWithEvent(
                MARK_RUNNING,
                "mark batch " + id + " running",
                update -> {
                    update.setLong(1, pid);
                    update.setLong(2, Micros.of(startedAt));
                    update.setString(3, id.value());
                },
                event(id, EventType.STARTED, startedAt, Map.of("pid", pid)));
    }

    @Override
    public boolean markSucceeded(BatchId id, Instant finishedAt) {
        return sql.updateWithEvent(
                MARK_SUCCEEDED,
                "mark batch " + id + " succeeded",
                update -> {
                    update.setLong(1, Micros.of(finishedAt));
                    update.setString(2, id.value());
                },
                event(id, EventType.SUCCEEDED, finishedAt, Map.of("exit_code", 0)));
    }

    @Override
    public boolean markFailed(BatchId id, Integer exitCode, BatchError error, Instant finishedAt) {
        requireNonNull(error, "error is null");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exit_code", exitCode);
        data.put("error", error);
        return sql.updateWithEvent(
                MARK_FAILED,
                "mark batch " + id + " failed",
                update -> {
                    setLong(update, 1, exitCode == null ? null : exitCode.longValue());
                    update.setString(2, error.errorCode());
                    update.setString(3, error.message());
                    update.setLong(4, Micros.of(finishedAt));
                    update.setString(5, id.value());
                },
                event(id, EventType.FAILED, finishedAt, data));
    }

    @Override
    public boolean markKilled(BatchId id, Integer exitCode, Instant finishedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exit_code", exitCode);
        return sql.updateWithEvent(
                MARK_KILLED,
                "mark batch " + id + " killed",
                update -> {
                    setLong(update, 1, exitCode == null ? null : exitCode.longValue());
                    update.setLong(2, Micros.of(finishedAt));
                    update.setString(3, id.value());
                },
                event(id, EventType.CANCELED, finishedAt, data));
    }

    @Override
    public List<BatchId> findUnfinished() {
        return sql.query(
                FIND_UNFINISHED,
                "find unfinished batches",
                SqlRunner.Binder.NONE,
                rows -> new BatchId(rows.getString(1)));
    }

    private Batch readRow(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        String errorCode = rows.getString("error_code");
        String errorMessage = rows.getString("error_message");
        Long exitCode = getLong(rows, "exit_code");
        return new Batch(
                new BatchId(id),
                rows.getString("owner"),
                rows.getString("artifact_id"),
                rows.getString("class_name"),
                read(rows.getString("args_json"), ARGS, id),
                read(rows.getString("conf_json"), CONF, id),
                BatchState.valueOf(rows.getString("state")),
                Micros.toInstant(rows.getLong("created_at")),
                getInstant(rows, "started_at"),
                getInstant(rows, "finished_at"),
                getLong(rows, "pid"),
                exitCode == null ? null : exitCode.intValue(),
                errorCode == null && errorMessage == null ? null : new BatchError(errorCode, errorMessage),
                rows.getString("external_id"),
                rows.getString("callback_url"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type, String batchId) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new HearthException(
                    ErrorCode.INTERNAL_ERROR, "metadata store error: unreadable JSON in batch " + batchId, e);
        }
    }
}
