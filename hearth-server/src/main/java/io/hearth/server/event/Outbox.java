package io.hearth.server.event;

/**
 * Where events are written before any channel sees them. A state change writes its event in the
 * same transaction (see {@code io.hearth.server.store.JdbcOutbox#append(java.sql.Connection,
 * EventDraft)}); this entry point is for events that change no state (PROGRESS, LOG, engine events),
 * each in a transaction of its own.
 */
public interface Outbox {
    /** Stores the event and returns its sequence number. */
    long append(EventDraft draft);

    /** An outbox that keeps nothing, for services built without events (some unit tests). */
    Outbox NONE = draft -> 0L;
}
