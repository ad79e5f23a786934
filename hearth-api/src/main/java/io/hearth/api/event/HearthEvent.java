package io.hearth.api.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One lifecycle event, as every channel (SSE, MQTT, Kafka, webhooks) delivers it; the schema is
 * documented in docs/events.md. Delivery is at least once: a consumer drops an event whose
 * {@code sequence} it has already seen.
 *
 * @param version the schema version, {@link #VERSION}
 * @param sequence increases with every event the gateway stores (across all resources), so it orders
 *     the events of one resource and names a point to resume from ({@code Last-Event-ID})
 * @param owner the user the resource belongs to; for engines shared by a group or the server, the
 *     engine's subject
 * @param externalId the client's own id for the request ({@code external_id}), or null
 * @param data what this type carries (progress, manifest, error, ...), never null
 */
public record HearthEvent(
        int version,
        long sequence,
        EventType type,
        ResourceKind kind,
        String id,
        String owner,
        String externalId,
        Instant time,
        Map<String, Object> data) {

    /** The schema version of events this gateway writes. */
    public static final int VERSION = 1;

    public HearthEvent {
        requireNonNull(type, "type is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(time, "time is null");
        data = data == null ? Map.of() : data;
    }
}
