package io.hearth.server.event;

import java.util.List;

/**
 * A place events are published to (MQTT, Kafka, webhooks). The dispatcher hands each channel the
 * outbox's events in sequence order, a batch at a time, and moves the channel's cursor past a batch
 * only when {@link #publish} returned: a channel that throws gets the same batch again later (with
 * backoff), so delivery is at least once and in order per resource.
 */
public interface EventChannel extends AutoCloseable {
    /** Names the channel's cursor in the store; stable across restarts ({@code mqtt}, {@code kafka}, ...). */
    String name();

    /**
     * Publishes the batch, blocking until the broker acknowledged all of it.
     *
     * @throws Exception when any event could not be published; the whole batch is offered again
     */
    void publish(List<OutboxEntry> batch) throws Exception;

    @Override
    default void close() {}
}
