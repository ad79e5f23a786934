package io.hearth.server.event;

import static java.util.Objects.requireNonNull;

import io.hearth.api.event.HearthEvent;

/**
 * An event as the outbox holds it: the public event and where its webhook goes.
 *
 * @param callbackUrl the resource's {@code callback_url}, or null
 */
public record OutboxEntry(HearthEvent event, String callbackUrl) {
    public OutboxEntry {
        requireNonNull(event, "event is null");
    }
}
