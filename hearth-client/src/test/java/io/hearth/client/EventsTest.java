package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.event.EventType;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.event.ResourceKind;
import io.hearth.api.statement.StatementRequest;
import io.hearth.api.statement.StatementResponse;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's event subscriptions against a real gateway with its testing engine. */
class EventsTest {
    @TempDir
    Path dataDirectory;

    private TestingHearth hearth;
    private HearthClient client;

    @BeforeEach
    void start() throws IOException {
        hearth = TestingHearth.start(dataDirectory, Map.of("events.poll-interval", "20ms"));
        client = HearthClient.builder()
                .server(hearth.uri(""))
                .pollInterval(Duration.ofMillis(10), Duration.ofMillis(50))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        hearth.close();
    }

    @Test
    void followsAStatementToItsEndWithItsExternalId() {
        StatementResponse done = client.statements()
                .execute(
                        new StatementRequest(
                                "range(2)",
                                List.of(),
                                "10s",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "order-9",
                                null,
                                null),
                        null);

        assertThat(done.externalId()).isEqualTo("order-9");
        List<HearthEvent> events = new ArrayList<>();
        try (EventSubscription subscription = client.statements().events(done.statementId())) {
            for (Optional<HearthEvent> event = subscription.next(); event.isPresent(); event = subscription.next()) {
                events.add(event.get());
            }
        }

        assertThat(events)
                .extracting(HearthEvent::type)
                .containsExactly(EventType.QUEUED, EventType.STARTED, EventType.SUCCEEDED);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.kind()).isEqualTo(ResourceKind.STATEMENT);
            assertThat(event.id()).isEqualTo(done.statementId());
            assertThat(event.externalId()).isEqualTo("order-9");
        });
        assertThat(events.get(2).data()).containsKey("manifest");
    }

    @Test
    void resumesTheCallersStreamAfterAnEventItAlreadyHas() {
        StatementResponse done = client.statements()
                .execute(new StatementRequest("range(1)", List.of(), "10s", null, null, null, null, null), null);
        List<HearthEvent> statementEvents = new ArrayList<>();
        try (EventSubscription everything = client.events().all(0)) {
            while (statementEvents.size() < 3) {
                HearthEvent event = everything.next().orElseThrow();
                if (event.kind() == ResourceKind.STATEMENT) {
                    statementEvents.add(event);
                }
            }
        }
        try (EventSubscription rest = client.events().all(statementEvents.get(0).sequence())) {
            HearthEvent next;
            do {
                next = rest.next().orElseThrow();
            } while (next.kind() != ResourceKind.STATEMENT);
            assertThat(next).isEqualTo(statementEvents.get(1));
        }
        assertThat(statementEvents).extracting(HearthEvent::id).containsOnly(done.statementId());
    }

    @Test
    void aMissingStatementsStreamIsNotFound() {
        try (EventSubscription subscription = client.events().statement("no-such-statement")) {
            assertThatThrownBy(subscription::next)
                    .isInstanceOfSatisfying(
                            HearthClientException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }
}
