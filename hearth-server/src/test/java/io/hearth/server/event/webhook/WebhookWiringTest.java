package io.hearth.server.event.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.server.TestingHearth;
import io.hearth.server.event.EventDraft;
import io.hearth.server.store.Database;
import io.hearth.server.store.JdbcOutbox;
import io.hearth.server.store.StoreConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code webhooks.enabled}, the gateway POSTs an event of its outbox to the event's callback URL. */
class WebhookWiringTest {
    @TempDir
    Path dataDirectory;

    @Test
    void theGatewayDeliversOutboxEventsToTheirCallbackUrl() throws Exception {
        List<String> eventIds = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestHeaders().getFirst("X-Hearth-Signature").startsWith("t=")) {
                eventIds.add(exchange.getRequestHeaders().getFirst("X-Hearth-Event-Id"));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (TestingHearth hearth = TestingHearth.start(
                        dataDirectory, Map.of("webhooks.enabled", "true", "webhooks.secret", "wiring-secret"));
                // the gateway's own embedded database, opened again in this JVM to stand in for a repository
                Database store = Database.open(StoreConfig.defaults(dataDirectory))) {
            long sequence = new JdbcOutbox(store.dataSource())
                    .append(new EventDraft(
                            ResourceKind.STATEMENT,
                            "s-1",
                            "alice",
                            null,
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            EventType.SUCCEEDED,
                            Instant.now(),
                            Map.of()));

            await().atMost(Duration.ofSeconds(10)).until(() -> !eventIds.isEmpty());
            assertThat(eventIds).containsExactly(Long.toString(sequence));
            assertThat(hearth.routes()).isNotEmpty();
        } finally {
            receiver.stop(0);
        }
    }
}
