package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.event.ResourceKind;
import io.hearth.server.event.EventCursors;
import io.hearth.server.event.EventDraft;
import io.hearth.server.event.EventLog;
import io.hearth.server.event.EventQuery;
import io.hearth.server.event.EventRetention;
import io.hearth.server.event.EventSignal;
import io.hearth.server.event.Outbox;
import io.hearth.server.event.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The {@code events} table. A repository that changes state calls {@link #append(Connection,
 * EventDraft)} on the connection of its own transaction, so the event exists exactly when the change
 * does; everything else calls {@link #append(EventDraft)}.
 */
public final class JdbcOutbox implements Outbox, EventLog, EventCursors, EventRetention.Store {
    private static final String INSERT = "INSERT INTO events (resource_kind, resource_id, owner, external_id,"
            + " callback_url, event_type, created_at, data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS =
            "seq, resource_kind, resource_id, owner, external_id, callback_url, event_type, created_at, data_json";
    private static final String FIND_CURSOR = "SELECT delivered_seq FROM event_cursors WHERE channel = ?";
    private static final String INSERT_CURSOR =
            "INSERT INTO event_cursors (channel, delivered_seq, updated_at) VALUES (?, ?, ?)";
    private static final String ADVANCE_CURSOR =
            "UPDATE event_cursors SET delivered_seq = ?, updated_at = ?" + " WHERE channel = ? AND delivered_seq = ?";
    /** No cursor at all: nothing waits for delivery, so age alone decides. */
    private static final String DELETE_DELIVERED = "DELETE FROM events WHERE created_at < ? AND seq <="
            + " (SELECT COALESCE(MIN(delivered_seq), " + Long.MAX_VALUE + ") FROM event_cursors)";

    private static final String LATEST = "SELECT COALESCE(MAX(seq), 0) FROM events";
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};
    /** Event data as the store keeps it: snake_case, ISO-8601 times, the same as the REST API. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final ThreadLocal<Boolean> APPENDED_IN_TRANSACTION = new ThreadLocal<>();

    private final SqlRunner sql;

    public JdbcOutbox(DataSource dataSource) {
        this.sql = new SqlRunner(dataSource);
    }

    @Override
    public long append(EventDraft draft) {
        requireNonNull(draft, "draft is null");
        return sql.withConnection("store a " + draft.type() + " event of " + draft.id(), c -> append(c, draft));
    }

    /** Stores the event on the caller's connection (inside its transaction) and returns its sequence. */
    public static long append(Connection connection, EventDraft draft) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(draft, "draft is null");
        // readers are woken once the event is visible: now, or when the caller's transaction commits
        if (connection.getAutoCommit()) {
            APPENDED_IN_TRANSACTION.remove();
            long sequence = insert(connection, draft);
            EventSignal.committed();
            return sequence;
        }
        APPENDED_IN_TRANSACTION.set(Boolean.TRUE);
        return insert(connection, draft);
    }

    /**
     * Whether this thread's current transaction appended an event; cleared by the call. {@link
     * SqlRunner#inTransaction} signals readers after a commit that did.
     */
    static boolean takeAppendedInTransaction() {
        boolean appended = APPENDED_IN_TRANSACTION.get() != null;
        APPENDED_IN_TRANSACTION.remove();
        return appended;
    }

    private static long insert(Connection connection, EventDraft draft) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"seq"})) {
            insert.setString(1, draft.kind().name());
            insert.setString(2, draft.id());
            insert.setString(3, draft.owner());
            insert.setString(4, draft.externalId());
            insert.setString(5, draft.callbackUrl());
            insert.setString(6, draft.type().name());
            insert.setLong(7, Micros.of(draft.time()));
            insert.setString(8, writeData(draft));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no sequence for the new event");
                }
                return keys.getLong(1);
            }
        }
    }

    @Override
    public java.util.List<OutboxEntry> after(long after, EventQuery query, int limit) {
        requireNonNull(query, "query is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        StringBuilder select = new StringBuilder("SELECT " + COLUMNS + " FROM events WHERE seq > ?");
        query.owner().ifPresent(ignored -> select.append(" AND owner = ?"));
        query.kind().ifPresent(ignored -> select.append(" AND resource_kind = ?"));
        query.id().ifPresent(ignored -> select.append(" AND resource_id = ?"));
        select.append(" ORDER BY seq LIMIT ?");
        return sql.query(
                select.toString(),
                "read events",
                statement -> {
                    int index = 1;
                    statement.setLong(index++, after);
                    if (query.owner().isPresent()) {
                        statement.setString(index++, query.owner().get());
                    }
                    if (query.kind().isPresent()) {
                        statement.setString(index++, query.kind().get().name());
                    }
                    if (query.id().isPresent()) {
                        statement.setString(index++, query.id().get());
                    }
                    statement.setInt(index, limit);
                },
                JdbcOutbox::readRow);
    }

    @Override
    public long latestSequence() {
        return sql.queryFirst(LATEST, "read the latest event", SqlRunner.Binder.NONE, rows -> rows.getLong(1))
                .orElse(0L);
    }

    @Override
    public OptionalLong find(String channel) {
        requireNonNull(channel, "channel is null");
        return sql.queryFirst(
                        FIND_CURSOR,
                        "read the cursor of event channel " + channel,
                        select -> select.setString(1, channel),
                        rows -> rows.getLong(1))
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    @Override
    public void createIfAbsent(String channel, long sequence) {
        requireNonNull(channel, "channel is null");
        sql.insertIfAbsent(INSERT_CURSOR, "create the cursor of event channel " + channel, insert -> {
            insert.setString(1, channel);
            insert.setLong(2, sequence);
            insert.setLong(3, Micros.of(java.time.Instant.now()));
        });
    }

    @Override
    public boolean advance(String channel, long expected, long next) {
        requireNonNull(channel, "channel is null");
        return sql.update(ADVANCE_CURSOR, "move the cursor of event channel " + channel, update -> {
            update.setLong(1, next);
            update.setLong(2, Micros.of(java.time.Instant.now()));
            update.setString(3, channel);
            update.setLong(4, expected);
        });
    }

    @Override
    public int deleteDeliveredBefore(java.time.Instant cutoff) {
        requireNonNull(cutoff, "cutoff is null");
        return sql.withConnection("delete old events", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_DELIVERED)) {
                delete.setLong(1, Micros.of(cutoff));
                return delete.executeUpdate();
            }
        });
    }

    private static String writeData(EventDraft draft) {
        try {
            return MAPPER.writeValueAsString(draft.data());
        } catch (JsonProcessingException e) {
            throw new HearthException(
                    ErrorCode.INTERNAL_ERROR,
                    "cannot write the data of a " + draft.type() + " event of " + draft.id(),
                    e);
        }
    }

    private static OutboxEntry readRow(ResultSet rows) throws SQLException {
        long seq = rows.getLong("seq");
        Map<String, Object> data;
        try {
            data = MAPPER.readValue(rows.getString("data_json"), DATA);
        } catch (JsonProcessingException e) {
            throw new SQLException("event " + seq + " holds unreadable data", e);
        }
        HearthEvent event = new HearthEvent(
                HearthEvent.VERSION,
                seq,
                Columns.readEnum(EventType.class, rows.getString("event_type"), "event " + seq),
                Columns.readEnum(ResourceKind.class, rows.getString("resource_kind"), "event " + seq),
                rows.getString("resource_id"),
                rows.getString("owner"),
                rows.getString("external_id"),
                Micros.toInstant(rows.getLong("created_at")),
                data);
        return new OutboxEntry(event, rows.getString("callback_url"));
    }
}
