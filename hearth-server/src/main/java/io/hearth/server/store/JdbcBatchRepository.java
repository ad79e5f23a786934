package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.batch.BatchError;
import io.hearth.api.batch.BatchState;
import io.hearth.server.batch.Batch;
import io.hearth.server.batch.BatchId;
import io.hearth.server.batch.BatchRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
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
            + " created_at, started_at, finished_at, pid, exit_code, error_code, error_message";
    private static final String INSERT =
            "INSERT INTO batches (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM batches WHERE id = ?";
    private static final String LIST =
            "SELECT " + COLUMNS + " FROM batches WHERE owner = ? ORDER BY created_at DESC, id DESC LIMIT ?";
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

    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public JdbcBatchRepository(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public void insert(Batch batch) {
        requireNonNull(batch, "batch is null");
        update(INSERT, "insert batch " + batch.id(), insert -> {
            insert.setString(1, batch.id().value());
            insert.setString(2, batch.owner());
            insert.setString(3, batch.artifactId());
            insert.setString(4, batch.className());
            insert.setString(5, write(batch.args()));
            insert.setString(6, write(batch.conf()));
            insert.setString(7, batch.state().name());
            insert.setLong(8, Micros.of(batch.createdAt()));
            setLong(insert, 9, batch.startedAt() == null ? null : Micros.of(batch.startedAt()));
            setLong(insert, 10, batch.finishedAt() == null ? null : Micros.of(batch.finishedAt()));
            setLong(insert, 11, batch.pid());
            setLong(
                    insert,
                    12,
                    batch.exitCode() == null ? null : batch.exitCode().longValue());
            insert.setString(13, batch.error() == null ? null : batch.error().errorCode());
            insert.setString(14, batch.error() == null ? null : batch.error().message());
        });
    }

    @Override
    public Optional<Batch> find(BatchId id) {
        requireNonNull(id, "id is null");
        List<Batch> found = select(FIND, "read batch " + id, select -> select.setString(1, id.value()));
        return found.stream().findFirst();
    }

    @Override
    public List<Batch> list(String owner, int limit) {
        requireNonNull(owner, "owner is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return select(LIST, "list batches", select -> {
            select.setString(1, owner);
            select.setInt(2, limit);
        });
    }

    @Override
    public boolean markRunning(BatchId id, long pid, Instant startedAt) {
        requireNonNull(startedAt, "startedAt is null");
        return update(MARK_RUNNING, "mark batch " + id + " running", update -> {
            update.setLong(1, pid);
            update.setLong(2, Micros.of(startedAt));
            update.setString(3, id.value());
        });
    }

    @Override
    public boolean markSucceeded(BatchId id, Instant finishedAt) {
        return update(MARK_SUCCEEDED, "mark batch " + id + " succeeded", update -> {
            update.setLong(1, Micros.of(finishedAt));
            update.setString(2, id.value());
        });
    }

    @Override
    public boolean markFailed(BatchId id, Integer exitCode, BatchError error, Instant finishedAt) {
        requireNonNull(error, "error is null");
        return update(MARK_FAILED, "mark batch " + id + " failed", update -> {
            setLong(update, 1, exitCode == null ? null : exitCode.longValue());
            update.setString(2, error.errorCode());
            update.setString(3, error.message());
            update.setLong(4, Micros.of(finishedAt));
            update.setString(5, id.value());
        });
    }

    @Override
    public boolean markKilled(BatchId id, Integer exitCode, Instant finishedAt) {
        return update(MARK_KILLED, "mark batch " + id + " killed", update -> {
            setLong(update, 1, exitCode == null ? null : exitCode.longValue());
            update.setLong(2, Micros.of(finishedAt));
            update.setString(3, id.value());
        });
    }

    @Override
    public List<BatchId> findUnfinished() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FIND_UNFINISHED);
                ResultSet rows = select.executeQuery()) {
            List<BatchId> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(new BatchId(rows.getString(1)));
            }
            return List.copyOf(ids);
        } catch (SQLException e) {
            throw storeError("find unfinished batches", e);
        }
    }

    private boolean update(String sql, String what, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            binder.bind(update);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw storeError(what, e);
        }
    }

    private List<Batch> select(String sql, String what, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            List<Batch> batches = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    batches.add(readRow(rows));
                }
            }
            return List.copyOf(batches);
        } catch (SQLException e) {
            throw storeError(what, e);
        }
    }

    private Batch readRow(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        String errorCode = rows.getString("error_code");
        String errorMessage = rows.getString("error_message");
        Long exitCode = getLong(rows, "exit_code");
        Long startedAt = getLong(rows, "started_at");
        Long finishedAt = getLong(rows, "finished_at");
        return new Batch(
                new BatchId(id),
                rows.getString("owner"),
                rows.getString("artifact_id"),
                rows.getString("class_name"),
                read(rows.getString("args_json"), ARGS, id),
                read(rows.getString("conf_json"), CONF, id),
                BatchState.valueOf(rows.getString("state")),
                Micros.toInstant(rows.getLong("created_at")),
                startedAt == null ? null : Micros.toInstant(startedAt),
                finishedAt == null ? null : Micros.toInstant(finishedAt),
                getLong(rows, "pid"),
                exitCode == null ? null : exitCode.intValue(),
                errorCode == null && errorMessage == null ? null : new BatchError(errorCode, errorMessage));
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

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static HearthException storeError(String what, SQLException e) {
        return new HearthException(
                ErrorCode.STORE_UNAVAILABLE,
                "metadata store error: cannot " + what + " (SQLSTATE " + e.getSQLState() + ")",
                e);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
