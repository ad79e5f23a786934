package io.hearth.server.event;

import static java.util.Objects.requireNonNull;

import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.event.ResourceKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event before the outbox has given it its sequence number.
 *
 * @param externalId the client's id for the request, or null
 * @param callbackUrl where webhooks POST the resource's events, or null
 * @param data JSON-able values (records, maps, lists, strings, numbers); snake_case keys
 */
public record EventDraft(
        ResourceKind kind,
        String id,
        String owner,
        String externalId,
        String callbackUrl,
        EventType type,
        Instant time,
        Map<String, Object> data) {

    public EventDraft {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(type, "type is null");
        requireNonNull(time, "time is null");
        // insertion order kept, null values allowed (Map.copyOf refuses them)
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The event as stored under {@code sequence}. */
    public HearthEvent withSequence(long sequence) {
        return new HearthEvent(HearthEvent.VERSION, sequence, type, kind, id, owner, externalId, time, data);
    }
}
