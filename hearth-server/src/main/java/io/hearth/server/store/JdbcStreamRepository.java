package io.hearth.server.store;

import static io.hearth.server.store.Columns.getInstant;
import static io.hearth.server.store.Columns.setInstant;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.stream.StreamError;
import io.hearth.api.stream.StreamProgress;
import io.hearth.api.stream.StreamState;
import io.hearth.server.event.EventDraft;
import io.hearth.server.stream.Stream;
import io.hearth.server.stream.StreamId;
import io.hearth.server.stream.StreamPage;
import io.hearth.server.stream.StreamRepository;
import io.hearth.server.stream.StreamSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Streams in the metadata store, over plain JDBC. Every state change is one {@code UPDATE ...
 * WHERE id = ? AND state IN (...)} whose update count says whether it happened; its event is
 * written in the same transaction, only when it did.
 */
public final class JdbcStreamRepository implements StreamRepository {
    private static final TypeReference<List<StreamProgress>> PROGRESS = new TypeReference<>() {};

    private static final String COLUMNS = "id, owner, name, context, spec_json, external_id, callback_url, state,"
            + " engine_id, restarts, error_code, error_message, created_at, started_at, ended_at, progress_json";
    private static final String INSERT =
            "INSERT INTO streams (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM streams WHERE id = ?";
    private static final String MARK_RUNNING = "UPDATE streams SET state = 'RUNNING', engine_id = ?, started_at = ?"
            + " WHERE id = ? AND state = 'QUEUED'";
    private static final String MARK_QUEUED = "UPDATE streams SET state = 'QUEUED', restarts = ?"
            + " WHERE id = ? AND state IN ('QUEUED', 'RUNNING') AND restarts = ?";
    private static final String MARK_STOPPED =
            "UPDATE streams SET state = 'STOPPED', ended_at = ? WHERE id = ? AND state IN ('QUEUED', 'RUNNING')";
    private static final String MARK_FAILED = "UPDATE streams SET state = 'FAILED', error_code = ?, error_message = ?,"
            + " ended_at = ? WHERE id = ? AND state IN ('QUEUED', 'RUNNING')";
    private static final String SAVE_PROGRESS = "UPDATE streams SET progress_json = ? WHERE id = ?";
    private static final String FIND_UNFINISHED =
            "SELECT " + COLUMNS + " FROM streams WHERE state IN ('QUEUED', 'RUNNING') ORDER BY created_at, id";

    private final SqlRunner sql;
    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            // rows written by a newer gateway sharing this store stay readable
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public JdbcStreamRepository(DataSource dataSource) {
        this.sql = new SqlRunner(dataSource);
    }

    @Override
    public void insert(Stream stream, EventDraft queued) {
        requireNonNull(stream, "stream is null");
        requireNonNull(queued, "queued is null");
        sql.inTransaction("insert stream " + stream.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, stream.id().value());
                insert.setString(2, stream.owner());
                insert.setString(3, stream.name());
                insert.setString(4, stream.context());
                insert.setString(5, write(stream.spec()));
                insert.setString(6, stream.externalId());
                insert.setString(7, stream.callbackUrl());
                insert.setString(8, stream.state().name());
                insert.setString(9, stream.engineId());
                insert.setInt(10, stream.restarts());
                insert.setString(
                        11, stream.error() == null ? null : stream.error().errorCode());
                insert.setString(
                        12, stream.error() == null ? null : stream.error().message());
                insert.setLong(13, Micros.of(stream.createdAt()));
                setInstant(insert, 14, stream.startedAt());
                setInstant(insert, 15, stream.endedAt());
                insert.setString(16, write(stream.progress()));
                insert.executeUpdate();
            }
            JdbcOutbox.append(connection, queued);
            return null;
        });
    }

    @Override
    public Optional<Stream> find(StreamId id) {
        requireNonNull(id, "id is null");
        return sql.queryFirst(FIND, "read stream " + id, select -> select.setString(1, id.value()), this::readRow);
    }

    @Override
    public List<Stream> list(Optional<String> owner, Optional<StreamPage> page, int limit) {
        requireNonNull(owner, "owner is null");
        requireNonNull(page, "page is null");
        return Keyset.ownersNewestFirst(
                sql,
                "streams",
                COLUMNS,
                owner,
                page.map(StreamPage::createdAt),
                page.map(start -> start.after().value()),
                limit,
                this::readRow);
    }

    @Override
    public boolean markRunning(StreamId id, String engineId, Instant startedAt, EventDraft started) {
        requireNonNull(engineId, "engineId is null");
        return changeState(MARK_RUNNING, "mark stream " + id + " running", started, update -> {
            update.setString(1, engineId);
            update.setLong(2, Micros.of(startedAt));
            update.setString(3, id.value());
        });
    }

    @Override
    public boolean markQueued(StreamId id, int expectedRestarts, int restarts, EventDraft queued) {
        return changeState(MARK_QUEUED, "mark stream " + id + " queued", queued, update -> {
            update.setInt(1, restarts);
            update.setString(2, id.value());
            update.setInt(3, expectedRestarts);
        });
    }

    @Override
    public boolean markStopped(StreamId id, Instant endedAt, EventDraft stopped) {
        return changeState(MARK_STOPPED, "mark stream " + id + " stopped", stopped, update -> {
            update.setLong(1, Micros.of(endedAt));
            update.setString(2, id.value());
        });
    }

    @Override
    public boolean markFailed(StreamId id, StreamError error, Instant endedAt, EventDraft failed) {
        requireNonNull(error, "error is null");
        return changeState(MARK_FAILED, "mark stream " + id + " failed", failed, update -> {
            update.setString(1, error.errorCode());
            update.setString(2, error.message());
            update.setLong(3, Micros.of(endedAt));
            update.setString(4, id.value());
        });
    }

    @Override
    public void saveProgress(StreamId id, List<StreamProgress> progress) {
        String text = write(progress);
        sql.update(SAVE_PROGRESS, "store the progress of stream " + id, update -> {
            update.setString(1, text);
            update.setString(2, id.value());
        });
    }

    @Override
    public List<Stream> findUnfinished() {
        return sql.query(FIND_UNFINISHED, "find unfinished streams", SqlRunner.Binder.NONE, this::readRow);
    }

    /** The compare-and-set update, and its event when it changed the row, in one transaction. */
    private boolean changeState(String update, String what, EventDraft event, SqlRunner.Binder binder) {
        requireNonNull(event, "event is null");
        return sql.inTransaction(what, (Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                binder.bind(statement);
                if (statement.executeUpdate() != 1) {
                    return false;
                }
            }
            JdbcOutbox.append(connection, event);
            return true;
        });
    }

    private Stream readRow(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        String errorCode = rows.getString("error_code");
        String errorMessage = rows.getString("error_message");
        return new Stream(
                new StreamId(id),
                rows.getString("owner"),
                rows.getString("name"),
                rows.getString("context"),
                read(rows.getString("spec_json"), StreamSpec.class, id),
                rows.getString("external_id"),
                rows.getString("callback_url"),
                StreamState.valueOf(rows.getString("state")),
                rows.getString("engine_id"),
                rows.getInt("restarts"),
                errorCode == null && errorMessage == null ? null : new StreamError(errorCode, errorMessage),
                Micros.toInstant(rows.getLong("created_at")),
                getInstant(rows, "started_at"),
                getInstant(rows, "ended_at"),
                readProgress(rows.getString("progress_json"), id));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type, String streamId) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw unreadable(streamId, e);
        }
    }

    private List<StreamProgress> readProgress(String text, String streamId) {
        try {
            return json.readValue(text, PROGRESS);
        } catch (JsonProcessingException e) {
            throw unreadable(streamId, e);
        }
    }

    private static HearthException unreadable(String streamId, JsonProcessingException e) {
        return new HearthException(
                ErrorCode.INTERNAL_ERROR, "metadata store error: unreadable JSON in stream " + streamId, e);
    }
}
