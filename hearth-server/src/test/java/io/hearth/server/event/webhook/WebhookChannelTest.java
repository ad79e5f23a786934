package io.hearth.server.event.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.event.ResourceKind;
import io.hearth.server.event.EventDispatcher;
import io.hearth.server.event.EventDraft;
import io.hearth.server.event.EventJson;
import io.hearth.server.store.Database;
import io.hearth.server.store.JdbcOutbox;
import io.hearth.server.store.JdbcWebhookDeliveries;
import io.hearth.server.store.StoreConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end on H2: events appended to the outbox, the real dispatcher, the channel, and
 * receivers on the JDK's HTTP server that check the signature with their own HMAC code.
 */
class WebhookChannelTest {
    private static final String SECRET = "whsec-test-0123456789";

    private final Clock clock = Clock.systemUTC();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> badSignatures = new CopyOnWriteArrayList<>();
    private final AtomicInteger flakyFailuresLeft = new AtomicInteger(3);
    private final AtomicInteger goneRequests = new AtomicInteger();
    private final AtomicInteger hangingRequests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService receiverThreads;
    private HttpServer receiver;
    private Database database;
    private JdbcOutbox outbox;
    private JdbcWebhookDeliveries deliveries;
    private EventDispatcher dispatcher;

    private record Received(String path, long eventId, HearthEvent event) {}

    @BeforeEach
    void start(@TempDir Path dataDir) throws IOException {
        receiverThreads = Executors.newCachedThreadPool();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/ok", exchange -> accept(exchange, 204));
        receiver.createContext("/flaky", exchange -> {
            if (flakyFailuresLeft.getAndDecrement() > 0) {
                exchange.getRequestBody().readAllBytes();
                respond(exchange, 503);
            } else {
                accept(exchange, 200);
            }
        });
        receiver.createContext("/gone", exchange -> {
            goneRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 410);
        });
        receiver.createContext("/hang", exchange -> {
            hangingRequests.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200);
        });
        receiver.createContext("/redirect", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", url("/ok"));
            respond(exchange, 307);
        });
        receiver.start();
        database = Database.open(StoreConfig.defaults(dataDir));
        outbox = new JdbcOutbox(database.dataSource());
        deliveries = new JdbcWebhookDeliveries(database.dataSource());
    }

    private void startChannel(WebhookConfig config) {
        WebhookChannel channel = new WebhookChannel(config, deliveries, clock).start();
        dispatcher = new EventDispatcher(
                        outbox,
                        outbox,
                        List.of(channel),
                        new EventDispatcher.DispatchConfig(
                                Duration.ofMillis(20),
                                100,
                                Duration.ofMillis(50),
                                Duration.ofMillis(500),
                                Duration.ofSeconds(10)),
                        clock)
                .start();
    }

    private static WebhookConfig config(int maxAttempts, Set<String> allowedHosts) {
        return new WebhookConfig(
                true,
                SECRET,
                Duration.ofSeconds(1),
                maxAttempts,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                allowedHosts);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (dispatcher != null) {
            dispatcher.close();
        }
        receiver.stop(0);
        receiverThreads.shutdownNow();
        database.close();
    }

    @Test
    void postsSignedEventsOfResourcesWithACallbackUrlOnly() {
        startChannel(config(8, Set.of()));
        long queued = append("s1", url("/ok"), EventType.QUEUED);
        append("s2", null, EventType.QUEUED);
        long started = append("s1", url("/ok"), EventType.STARTED);
        long succeeded = append("s1", url("/ok"), EventType.SUCCEEDED);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertThat(badSignatures).isEmpty();
        assertThat(received).extracting(Received::eventId).containsExactly(queued, started, succeeded);
        assertThat(received).allSatisfy(delivery -> {
            assertThat(delivery.event().id()).isEqualTo("s1");
            assertThat(delivery.event().sequence()).isEqualTo(delivery.eventId());
        });
        assertThat(received)
                .extracting(delivery -> delivery.event().type())
                .containsExactly(EventType.QUEUED, EventType.STARTED, EventType.SUCCEEDED);
        // delivered rows are removed
        await().atMost(Duration.ofSeconds(5))
                .until(() -> deliveries.find(succeeded).isEmpty());
    }

    @Test
    void retriesAFailingReceiverAndKeepsTheResourceOrder() {
        startChannel(config(8, Set.of()));
        List<Long> sequences = List.of(
                append("s1", url("/flaky"), EventType.QUEUED),
                append("s1", url("/flaky"), EventType.STARTED),
                append("s1", url("/flaky"), EventType.PROGRESS),
                append("s1", url("/flaky"), EventType.SUCCEEDED));

        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 4);
        assertThat(flakyFailuresLeft.get()).isNegative();
        assertThat(badSignatures).isEmpty();
        assertThat(received).extracting(Received::eventId).containsExactlyElementsOf(sequences);
    }

    @Test
    void aDeadOrHangingReceiverDoesNotHoldUpOtherResources() throws IOException {
        startChannel(config(3, Set.of()));
        String down = "http://127.0.0.1:" + freePort() + "/nobody-listens";
        long dead = append("down", down, EventType.QUEUED);
        long behindDead = append("down", down, EventType.STARTED);
        long hanging = append("slow", url("/hang"), EventType.QUEUED);
        long first = append("s1", url("/ok"), EventType.QUEUED);
        long second = append("s2", url("/ok"), EventType.QUEUED);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        // two resources: delivered side by side, so in either order
        assertThat(received).extracting(Received::eventId).containsExactlyInAnyOrder(first, second);
        assertThat(hangingRequests.get()).isGreaterThanOrEqualTo(1);
        // the dead endpoint is given up after max-attempts, kept as DEAD, then its next event is tried
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        deliveries.find(dead).map(WebhookDelivery::state).orElse(null) == WebhookDelivery.State.DEAD);
        assertThat(deliveries.find(dead).orElseThrow().attempts()).isEqualTo(3);
        assertThat(deliveries.find(dead).orElseThrow().lastError()).isNotBlank();
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        deliveries.find(behindDead).map(WebhookDelivery::state).orElse(null)
                                == WebhookDelivery.State.DEAD);
        // a timed-out attempt counts as failed and is kept for a retry (or, after max-attempts, as dead)
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> deliveries
                                .find(hanging)
                                .map(WebhookDelivery::lastError)
                                .orElse(""),
                        error -> error != null && error.startsWith("no answer within"));
    }

    @Test
    void stopsSendingAResourceToAUrlThatAnswered410() {
        startChannel(config(8, Set.of()));
        long first = append("s1", url("/gone"), EventType.QUEUED);
        long second = append("s1", url("/gone"), EventType.STARTED);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        deliveries.find(second).map(WebhookDelivery::state).orElse(null) == WebhookDelivery.State.GONE);
        long third = append("s1", url("/gone"), EventType.SUCCEEDED);
        long other = append("s9", url("/ok"), EventType.QUEUED);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.get(0).eventId()).isEqualTo(other);
        assertThat(goneRequests.get()).isEqualTo(1);
        assertThat(deliveries.find(first).map(WebhookDelivery::state)).contains(WebhookDelivery.State.GONE);
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries.find(third).isPresent());
        assertThat(deliveries.find(third).map(WebhookDelivery::state)).contains(WebhookDelivery.State.GONE);
    }

    @Test
    void refusesHostsOutsideTheAllowListAndNeverFollowsRedirects() {
        startChannel(config(2, Set.of("*.example.org", "127.0.0.1")));
        long refused = append("s1", "http://localhost:" + receiver.getAddress().getPort() + "/ok", EventType.QUEUED);
        long redirected = append("s2", url("/redirect"), EventType.QUEUED);
        long allowed = append("s3", url("/ok"), EventType.QUEUED);

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.get(0).eventId()).isEqualTo(allowed);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        deliveries.find(refused).map(WebhookDelivery::state).orElse(null)
                                == WebhookDelivery.State.DEAD);
        assertThat(deliveries.find(refused).orElseThrow().lastError()).contains("webhooks.allowed-hosts");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        deliveries.find(redirected).map(WebhookDelivery::state).orElse(null)
                                == WebhookDelivery.State.DEAD);
        assertThat(deliveries.find(redirected).orElseThrow().lastError()).isEqualTo("HTTP 307");
        assertThat(received).hasSize(1);
    }

    private long append(String id, String callbackUrl, EventType type) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", type.name());
        return outbox.append(new EventDraft(
                ResourceKind.STATEMENT, id, "alice", "ext-" + id, callbackUrl, type, Instant.now(), data));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private void accept(HttpExchange exchange, int status) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String signature = exchange.getRequestHeaders().getFirst("X-Hearth-Signature");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!verifies(signature, body) || !"application/json".equals(contentType)) {
            badSignatures.add(String.valueOf(signature));
            respond(exchange, 400);
            return;
        }
        long eventId = Long.parseLong(exchange.getRequestHeaders().getFirst("X-Hearth-Event-Id"));
        received.add(new Received(exchange.getRequestURI().getPath(), eventId, EventJson.fromJson(body)));
        respond(exchange, status);
    }

    /** The receiver's side, written as a receiver would: parse t and v1, HMAC "t.body", compare, check age. */
    private static boolean verifies(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        String timestamp = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                timestamp = pair[1];
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                v1 = pair[1];
            }
        }
        if (timestamp == null || v1 == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(UTF_8), "HmacSHA256"));
            byte[] signed = (timestamp + "." + new String(body, UTF_8)).getBytes(UTF_8);
            byte[] expected = mac.doFinal(signed);
            long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
            return age <= 300 && MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (Exception e) {
            return false;
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
