package io.hearth.client;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * Lifecycle events of the caller's work over Server-Sent Events (see docs/events.md): each
 * subscription reads events in sequence order, reconnecting with {@code Last-Event-ID} when the
 * connection breaks, so none is lost or repeated.
 */
public final class Events {
    private final RestTransport transport;

    Events(RestTransport transport) {
        this.transport = requireNonNull(transport, "transport is null");
    }

    /** The caller's events from now on (an admin's: everyone's), until closed. */
    public EventSubscription all() {
        return new EventSubscription(transport, "/v1/events", OptionalLong.empty(), false);
    }

    /** The caller's events after the one with this sequence ({@code 0}: every event still kept), until closed. */
    public EventSubscription all(long afterSequence) {
        return new EventSubscription(transport, "/v1/events", OptionalLong.of(afterSequence), false);
    }

    /** One statement's events from its first; the subscription ends after its terminal event. */
    public EventSubscription statement(String statementId) {
        return resource("/v1/statements/", statementId);
    }

    /** One job's events from its first; the subscription ends after its terminal event. */
    public EventSubscription job(String jobId) {
        return resource("/v1/jobs/", jobId);
    }

    /** One batch's events from its first; the subscription ends after its terminal event. */
    public EventSubscription batch(String batchId) {
        return resource("/v1/batches/", batchId);
    }

    /** One session's events; the subscription ends once the session is closed or lost. */
    public EventSubscription session(String sessionId) {
        return resource("/v1/sessions/", sessionId);
    }

    private EventSubscription resource(String prefix, String id) {
        return new EventSubscription(
                transport, prefix + RestTransport.segment(id) + "/events", OptionalLong.empty(), true);
    }
}
