package io.hearth.server.event.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook queue ({@code webhook_deliveries}): durable, so deliveries survive a restart, and
 * shared by every gateway of one store (an attempt claims its row with compare-and-set).
 */
public interface WebhookDeliveries {
    /**
     * Queues a delivery due at once, unless its event is already queued (the dispatcher offered the
     * batch again). Stored as {@link WebhookDelivery.State#GONE} when the receiver already said 410
     * for this resource.
     */
    void enqueue(WebhookDelivery delivery);

    /**
     * Pending deliveries due at {@code now} that head their queue (no earlier pending delivery of
     * the same resource to the same URL), oldest first.
     */
    List<WebhookDelivery> due(Instant now, int limit);

    /**
     * Takes a due delivery for one attempt: moves its {@code next_attempt_at} from {@code expected}
     * to {@code leaseUntil}, so nobody else attempts it meanwhile; false when someone else did first.
     */
    boolean claim(long sequence, Instant expected, Instant leaseUntil);

    /** The receiver took it: the row is deleted. */
    void delivered(long sequence);

    /** The attempt failed: due again at {@code nextAttemptAt}. */
    void retryLater(long sequence, int attempts, Instant nextAttemptAt, String error);

    /** Given up: kept as {@link WebhookDelivery.State#DEAD} for operators. */
    void dead(long sequence, int attempts, String error);

    /** 410 Gone: this delivery and every pending one of the same resource to the same URL. */
    void gone(WebhookDelivery delivery, String error);

    Optional<WebhookDelivery> find(long sequence);
}
