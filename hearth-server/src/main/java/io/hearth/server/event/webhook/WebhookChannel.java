package io.hearth.server.event.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.hearth.server.event.EventChannel;
import io.hearth.server.event.EventJson;
import io.hearth.server.event.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs the events of resources that have a {@code callback_url} there, signed (docs/webhooks.md).
 *
 * <p>{@link #publish} only queues the events in {@code webhook_deliveries}, so the dispatcher's
 * cursor never waits for a receiver. A worker sends the queued deliveries, several at once: a slow or
 * dead endpoint holds up only the events of the resources that go to it. One resource's events to
 * one URL go out one at a time in sequence order: a later event waits while an earlier one is retried
 * with exponential backoff, up to {@code webhooks.max-attempts}, after which it is kept as dead (with a
 * WARN) and the next one goes.
 */
public final class WebhookChannel implements EventChannel {
    private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);
    public static final String NAME = "webhooks";
    /** Attempts running at once on this gateway. */
    static final int MAX_CONCURRENT = 8;
    /** How often the worker looks for deliveries due for a retry (a publish wakes it at once). */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    /** An attempt's claim outlives its timeout by this much; then another gateway may take it over. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

    private final WebhookConfig config;
    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final Clock clock;
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);
    private final ExecutorService attempts;
    private final Object wakeUp = new Object();
    private final Thread worker;
    private boolean signalled;
    private volatile boolean closed;

    public WebhookChannel(WebhookConfig config, WebhookDeliveries deliveries, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.deliveries = requireNonNull(deliveries, "deliveries is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sender = new WebhookSender(config, clock);
        AtomicInteger threads = new AtomicInteger();
        this.attempts = Executors.newFixedThreadPool(MAX_CONCURRENT, task -> {
            Thread thread = new Thread(task, "hearth-webhook-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.worker = new Thread(this::run, "hearth-webhooks");
        this.worker.setDaemon(true);
    }

    /** Starts sending what is queued (deliveries left by a previous run too). */
    public WebhookChannel start() {
        worker.start();
        return this;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void publish(List<OutboxEntry> batch) {
        boolean queued = false;
        Instant now = clock.instant();
        for (OutboxEntry entry : batch) {
            if (entry.callbackUrl() == null || entry.callbackUrl().isBlank()) {
                continue;
            }
            deliveries.enqueue(new WebhookDelivery(
                    entry.event().sequence(),
                    entry.callbackUrl(),
                    entry.event().kind(),
                    entry.event().id(),
                    new String(EventJson.toBytes(entry.event()), UTF_8),
                    WebhookDelivery.State.PENDING,
                    0,
                    now,
                    null));
            queued = true;
        }
        if (queued) {
            wake();
        }
    }

    private void wake() {
        synchronized (wakeUp) {
            signalled = true;
            wakeUp.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            try {
                startDueAttempts();
                synchronized (wakeUp) {
                    if (!signalled) {
                        wakeUp.wait(POLL_INTERVAL.toMillis());
                    }
                    signalled = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the store is down: the deliveries wait in it
                log.warn("Webhook deliveries cannot be read; retrying: {}", e.toString());
                try {
                    Thread.sleep(POLL_INTERVAL.multipliedBy(4).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void startDueAttempts() {
        if (slots.availablePermits() == 0) {
            return;
        }
        Instant now = clock.instant();
        for (WebhookDelivery delivery : deliveries.due(now, MAX_CONCURRENT * 4)) {
            if (!slots.tryAcquire()) {
                return;
            }
            Instant leaseUntil = now.plus(config.timeout()).plus(CLAIM_MARGIN);
            if (!deliveries.claim(delivery.sequence(), delivery.nextAttemptAt(), leaseUntil)) {
                slots.release();
                continue;
            }
            try {
                attempts.execute(() -> attempt(delivery));
            } catch (RuntimeException e) {
                slots.release();
                throw e;
            }
        }
    }

    private void attempt(WebhookDelivery delivery) {
        try {
            WebhookSender.Outcome outcome = sender.send(delivery);
            record(delivery, outcome);
        } catch (InterruptedException e) {
            // closing: the claim expires and the delivery is attempted again after a restart
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Webhook delivery of event {} failed unexpectedly; it is retried", delivery.sequence(), e);
        } finally {
            slots.release();
            wake();
        }
    }

    private void record(WebhookDelivery delivery, WebhookSender.Outcome outcome) {
        int attemptsMade = delivery.attempts() + 1;
        String host = WebhookSender.host(delivery.callbackUrl());
        switch (outcome.result()) {
            case DELIVERED -> deliveries.delivered(delivery.sequence());
            case GONE -> {
                log.info(
                        "Webhook receiver {} answered 410 Gone for {} {}: no more of its events go there",
                        host,
                        delivery.kind().topicName(),
                        delivery.resourceId());
                deliveries.gone(delivery, outcome.reason());
            }
            case REFUSED -> {
                log.warn(
                        "Webhook of event {} ({} {}) is not sent: {}",
                        delivery.sequence(),
                        delivery.kind().topicName(),
                        delivery.resourceId(),
                        outcome.reason());
                deliveries.dead(delivery.sequence(), attemptsMade, outcome.reason());
            }
            case FAILED -> {
                if (attemptsMade >= config.maxAttempts()) {
                    log.warn(
                            "Webhook of event {} ({} {}) to {} failed {} times, last: {}; given up (kept as DEAD in"
                                    + " webhook_deliveries)",
                            delivery.sequence(),
                            delivery.kind().topicName(),
                            delivery.resourceId(),
                            host,
                            attemptsMade,
                            outcome.reason());
                    deliveries.dead(delivery.sequence(), attemptsMade, outcome.reason());
                } else {
                    log.debug(
                            "Webhook of event {} to {} failed ({}), attempt {}",
                            delivery.sequence(),
                            host,
                            outcome.reason(),
                            attemptsMade);
                    deliveries.retryLater(
                            delivery.sequence(),
                            attemptsMade,
                            clock.instant().plus(config.backoff(attemptsMade)),
                            outcome.reason());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        attempts.shutdownNow();
        try {
            worker.join(Duration.ofSeconds(5).toMillis());
            if (!attempts.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Webhook attempts still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
