package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.event.ResourceKind;
import io.hearth.server.event.webhook.WebhookDelivery;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcWebhookDeliveries} store must do, run against each database. */
abstract class WebhookDeliveriesContractTest extends RepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00.123456Z");
    private static final String URL_A = "https://hooks.example.com/a?token=x";
    private static final String URL_B = "https://hooks.example.com/b";

    private JdbcWebhookDeliveries deliveries;

    protected WebhookDeliveriesContractTest(ContractStore store) {
        super(store, "webhook_deliveries");
    }

    @BeforeAll
    void createRepositories() {
        deliveries = new JdbcWebhookDeliveries(dataSource());
    }

    private static WebhookDelivery delivery(long sequence, String url, String resource) {
        return new WebhookDelivery(
                sequence,
                url,
                ResourceKind.STATEMENT,
                resource,
                "{\"sequence\":" + sequence + "}",
                WebhookDelivery.State.PENDING,
                0,
                T0,
                null);
    }

    @Test
    void onlyTheHeadOfEachResourceQueueIsDueAndEnqueueingTwiceKeepsOne() {
        deliveries.enqueue(delivery(1, URL_A, "s1"));
        deliveries.enqueue(delivery(2, URL_A, "s1"));
        deliveries.enqueue(delivery(3, URL_A, "s2"));
        deliveries.enqueue(delivery(4, URL_B, "s1"));
        deliveries.enqueue(delivery(1, URL_A, "s1"));

        assertThat(deliveries.due(T0, 10)).extracting(WebhookDelivery::sequence).containsExactly(1L, 3L, 4L);
        assertThat(deliveries.due(T0.minusMillis(1), 10)).isEmpty();
        assertThat(deliveries.find(1).orElseThrow().body()).isEqualTo("{\"sequence\":1}");

        deliveries.delivered(1);

        assertThat(deliveries.find(1)).isEmpty();
        assertThat(deliveries.due(T0, 10)).extracting(WebhookDelivery::sequence).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aClaimIsTakenOnceAndARetryWaitsAndHoldsBackItsResource() {
        deliveries.enqueue(delivery(10, URL_A, "s1"));
        deliveries.enqueue(delivery(11, URL_A, "s1"));
        Instant lease = T0.plusSeconds(40);

        assertThat(deliveries.claim(10, T0, lease)).isTrue();
        assertThat(deliveries.claim(10, T0, lease)).isFalse();
        assertThat(deliveries.due(T0.plusSeconds(1), 10)).isEmpty();

        deliveries.retryLater(10, 1, T0.plusSeconds(2), "HTTP 503");

        WebhookDelivery retried = deliveries.find(10).orElseThrow();
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.nextAttemptAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(retried.lastError()).isEqualTo("HTTP 503");
        assertThat(deliveries.due(T0.plusSeconds(1), 10)).isEmpty();
        assertThat(deliveries.due(T0.plusSeconds(2), 10))
                .extracting(WebhookDelivery::sequence)
                .containsExactly(10L);

        deliveries.dead(10, 8, "HTTP 500");

        assertThat(deliveries.find(10).orElseThrow().state()).isEqualTo(WebhookDelivery.State.DEAD);
        assertThat(deliveries.due(T0, 10)).extracting(WebhookDelivery::sequence).containsExactly(11L);
    }

    @Test
    void goneStopsTheResourceToThatUrlOnlyIncludingLaterEvents() {
        deliveries.enqueue(delivery(20, URL_A, "s1"));
        deliveries.enqueue(delivery(21, URL_A, "s1"));
        deliveries.enqueue(delivery(22, URL_B, "s1"));
        deliveries.enqueue(delivery(23, URL_A, "s2"));

        deliveries.gone(deliveries.find(20).orElseThrow(), "HTTP 410 Gone");
        deliveries.enqueue(delivery(24, URL_A, "s1"));

        assertThat(deliveries.find(20).orElseThrow().state()).isEqualTo(WebhookDelivery.State.GONE);
        assertThat(deliveries.find(20).orElseThrow().attempts()).isEqualTo(1);
        assertThat(deliveries.find(21).orElseThrow().state()).isEqualTo(WebhookDelivery.State.GONE);
        assertThat(deliveries.find(24).orElseThrow().state()).isEqualTo(WebhookDelivery.State.GONE);
        assertThat(deliveries.due(T0, 10)).extracting(WebhookDelivery::sequence).containsExactly(22L, 23L);
    }
}
