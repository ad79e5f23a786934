package io.hearth.server.event.webhook;

import static java.util.Objects.requireNonNull;

import io.hearth.api.event.ResourceKind;
import java.time.Instant;

/**
 * One event waiting to be POSTed to its resource's {@code callback_url} (a row of {@code
 * webhook_deliveries}). A resource's deliveries to one URL go out one at a time in sequence order.
 *
 * @param sequence the event's sequence number
 * @param body the exact bytes POSTed and signed ({@code EventJson})
 * @param attempts attempts made so far
 * @param nextAttemptAt when it is due (while an attempt runs: when that attempt's claim expires)
 * @param lastError why the last attempt failed, or null
 */
public record WebhookDelivery(
        long sequence,
        String callbackUrl,
        ResourceKind kind,
        String resourceId,
        String body,
        State state,
        int attempts,
        Instant nextAttemptAt,
        String lastError) {

    public WebhookDelivery {
        requireNonNull(callbackUrl, "callbackUrl is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(resourceId, "resourceId is null");
        requireNonNull(body, "body is null");
        requireNonNull(state, "state is null");
        requireNonNull(nextAttemptAt, "nextAttemptAt is null");
    }

    /** Where a delivery stands; a delivered one is deleted. */
    public enum State {
        /** Waiting for its (next) attempt, or in one. */
        PENDING,
        /** Given up after {@code webhooks.max-attempts} (or refused by {@code webhooks.allowed-hosts}). */
        DEAD,
        /** The receiver answered 410 Gone: nothing more of this resource goes to this URL. */
        GONE;

        public boolean isTerminal() {
            return this != PENDING;
        }
    }
}
