package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import io.hearth.api.event.ResourceKind;
import io.hearth.server.event.webhook.WebhookDeliveries;
import io.hearth.server.event.webhook.WebhookDelivery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code webhook_deliveries} table (V12). */
public final class JdbcWebhookDeliveries implements WebhookDeliveries {
    private static final int MAX_ERROR_LENGTH = 1024;
    private static final String COLUMNS = "event_seq, callback_url, resource_kind, resource_id, body, state, attempts,"
            + " next_attempt_at, last_error";
    private static final String INSERT =
            "INSERT INTO webhook_deliveries (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String IS_GONE = "SELECT 1 FROM webhook_deliveries WHERE resource_kind = ? AND resource_id = ?"
            + " AND callback_url = ? AND state = 'GONE'";
    private static final String DUE = "SELECT " + COLUMNS + " FROM webhook_deliveries d WHERE d.state = 'PENDING'"
            + " AND d.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e"
            + " WHERE e.resource_kind = d.resource_kind AND e.resource_id = d.resource_id"
            + " AND e.callback_url = d.callback_url AND e.state = 'PENDING' AND e.event_seq < d.event_seq)"
            + " ORDER BY d.event_seq LIMIT ?";
    private static final String CLAIM = "UPDATE webhook_deliveries SET next_attempt_at = ?, updated_at = ?"
            + " WHERE event_seq = ? AND state = 'PENDING' AND next_attempt_at = ?";
    private static final String DELETE = "DELETE FROM webhook_deliveries WHERE event_seq = ?";
    private static final String RETRY = "UPDATE webhook_deliveries SET attempts = ?, next_attempt_at = ?,"
            + " last_error = ?, updated_at = ? WHERE event_seq = ? AND state = 'PENDING'";
    private static final String DEAD = "UPDATE webhook_deliveries SET state = 'DEAD', attempts = ?, last_error = ?,"
            + " updated_at = ? WHERE event_seq = ? AND state = 'PENDING'";
    private static final String GONE = "UPDATE webhook_deliveries SET state = 'GONE', last_error = ?, updated_at = ?,"
            + " attempts = CASE WHEN event_seq = ? THEN attempts + 1 ELSE attempts END"
            + " WHERE resource_kind = ? AND resource_id = ? AND callback_url = ? AND state = 'PENDING'";
    private static final String FIND = "SELECT " + COLUMNS + " FROM webhook_deliveries WHERE event_seq = ?";

    private final SqlRunner sql;

    public JdbcWebhookDeliveries(DataSource dataSource) {
        this.sql = new SqlRunner(dataSource);
    }

    @Override
    public void enqueue(WebhookDelivery delivery) {
        requireNonNull(delivery, "delivery is null");
        boolean gone = sql.queryFirst(
                        IS_GONE,
                        "read the webhook state of " + delivery.resourceId(),
                        select -> {
                            select.setString(1, delivery.kind().name());
                            select.setString(2, delivery.resourceId());
                            select.setString(3, delivery.callbackUrl());
                        },
                        rows -> true)
                .orElse(false);
        sql.insertIfAbsent(INSERT, "queue the webhook of event " + delivery.sequence(), insert -> {
            insert.setLong(1, delivery.sequence());
            insert.setString(2, delivery.callbackUrl());
            insert.setString(3, delivery.kind().name());
            insert.setString(4, delivery.resourceId());
            insert.setString(5, delivery.body());
            insert.setString(6, (gone ? WebhookDelivery.State.GONE : delivery.state()).name());
            insert.setInt(7, delivery.attempts());
            insert.setLong(8, Micros.of(delivery.nextAttemptAt()));
            insert.setString(9, gone ? "the receiver answered 410 Gone to an earlier event" : delivery.lastError());
            insert.setLong(10, Micros.of(Instant.now()));
        });
    }

    @Override
    public List<WebhookDelivery> due(Instant now, int limit) {
        return sql.query(
                DUE,
                "read due webhook deliveries",
                select -> {
                    select.setLong(1, Micros.of(now));
                    select.setInt(2, limit);
                },
                JdbcWebhookDeliveries::read);
    }

    @Override
    public boolean claim(long sequence, Instant expected, Instant leaseUntil) {
        return sql.update(CLAIM, "claim the webhook of event " + sequence, update -> {
            update.setLong(1, Micros.of(leaseUntil));
            update.setLong(2, Micros.of(Instant.now()));
            update.setLong(3, sequence);
            update.setLong(4, Micros.of(expected));
        });
    }

    @Override
    public void delivered(long sequence) {
        sql.update(DELETE, "remove the delivered webhook of event " + sequence, delete -> delete.setLong(1, sequence));
    }

    @Override
    public void retryLater(long sequence, int attempts, Instant nextAttemptAt, String error) {
        sql.update(RETRY, "record a failed webhook attempt of event " + sequence, update -> {
            update.setInt(1, attempts);
            update.setLong(2, Micros.of(nextAttemptAt));
            update.setString(3, truncate(error));
            update.setLong(4, Micros.of(Instant.now()));
            update.setLong(5, sequence);
        });
    }

    @Override
    public void dead(long sequence, int attempts, String error) {
        sql.update(DEAD, "give up the webhook of event " + sequence, update -> {
            update.setInt(1, attempts);
            update.setString(2, truncate(error));
            update.setLong(3, Micros.of(Instant.now()));
            update.setLong(4, sequence);
        });
    }

    @Override
    public void gone(WebhookDelivery delivery, String error) {
        sql.withConnection("stop the webhooks of " + delivery.resourceId(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(GONE)) {
                update.setString(1, truncate(error));
                update.setLong(2, Micros.of(Instant.now()));
                update.setLong(3, delivery.sequence());
                update.setString(4, delivery.kind().name());
                update.setString(5, delivery.resourceId());
                update.setString(6, delivery.callbackUrl());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public Optional<WebhookDelivery> find(long sequence) {
        return sql.queryFirst(
                FIND,
                "read the webhook of event " + sequence,
                select -> select.setLong(1, sequence),
                JdbcWebhookDeliveries::read);
    }

    private static WebhookDelivery read(ResultSet rows) throws SQLException {
        return new WebhookDelivery(
                rows.getLong("event_seq"),
                rows.getString("callback_url"),
                ResourceKind.valueOf(rows.getString("resource_kind")),
                rows.getString("resource_id"),
                rows.getString("body"),
                WebhookDelivery.State.valueOf(rows.getString("state")),
                rows.getInt("attempts"),
                Micros.toInstant(rows.getLong("next_attempt_at")),
                rows.getString("last_error"));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
