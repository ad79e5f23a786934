package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** X-Request-Id on every answer, and request id, user and work ids in the MDC of the work's log lines. */
class RequestIdTest {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path dataDirectory;

    @Test
    void echoesASaneRequestIdAndReplacesAMissingOrInsaneOneOnEveryAnswer() throws Exception {
        Path users = TestingUsers.users().add("alice", "alice-password").writeTo(dataDirectory.resolve("users"));
        try (TestingHearth hearth = TestingHearth.start(dataDirectory.resolve("data"), TestingUsers.basicAuth(users))) {
            TestingHearth alice = hearth.as("alice", "alice-password");

            HttpResponse<String> echoed = alice.get("/v1/statements", "X-Request-Id", "client-42:a.b_c");
            assertThat(echoed.statusCode()).isEqualTo(200);
            assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("client-42:a.b_c");

            HttpResponse<String> generated = alice.get("/v1/statements");
            assertThat(generated.headers().firstValue("X-Request-Id"))
                    .hasValueSatisfying(id -> assertThat(id).matches(UUID_PATTERN));
            String another = alice.get("/v1/statements")
                    .headers()
                    .firstValue("X-Request-Id")
                    .orElseThrow();
            assertThat(another)
                    .isNotEqualTo(generated.headers().firstValue("X-Request-Id").orElseThrow());

            // a header that could forge a log line, or is too long, is not taken
            for (String insane : List.of("a b", "x".repeat(129), "id;rm", "\u00e9t\u00e9")) {
                HttpResponse<String> replaced = alice.get("/v1/statements", "X-Request-Id", insane);
                assertThat(replaced.headers().firstValue("X-Request-Id"))
                        .as(insane)
                        .hasValueSatisfying(id -> assertThat(id).matches(UUID_PATTERN));
            }
            assertThat(alice.get("/v1/statements", "X-Request-Id", "x".repeat(128))
                            .headers()
                            .firstValue("X-Request-Id"))
                    .hasValue("x".repeat(128));

            // problems (refused, unknown route, unknown statement) and the open health probes carry it too
            HttpResponse<String> refused = hearth.get("/v1/statements", "X-Request-Id", "no-credentials");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("X-Request-Id")).hasValue("no-credentials");
            HttpResponse<String> noRoute = alice.get("/v1/nothing-here", "X-Request-Id", "no-route");
            assertThat(noRoute.statusCode()).isEqualTo(404);
            assertThat(noRoute.headers().firstValue("X-Request-Id")).hasValue("no-route");
            HttpResponse<String> unknown = alice.get("/v1/statements/unknown", "X-Request-Id", "unknown-one");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(unknown.headers().firstValue("X-Request-Id")).hasValue("unknown-one");
            HttpResponse<String> health = hearth.get("/health/ready");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("X-Request-Id"))
                    .hasValueSatisfying(id -> assertThat(id).matches(UUID_PATTERN));
        }
    }

    @Test
    void aStatementLogsOnItsRunnerThreadWithTheRequestIdUserStatementAndEngineInTheMdc() throws Exception {
        // the runner logs the start at DEBUG on its own thread: the MDC must have followed the work there
        Logger runnerLogger = (Logger) LoggerFactory.getLogger("io.hearth.server.statement.StatementRunner");
        Level level = runnerLogger.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        runnerLogger.setLevel(Level.DEBUG);
        runnerLogger.addAppender(lines);
        // one runner thread: the second statement runs on the thread the first one used
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of("statement.max-running", "1"))) {
            String first = submit(hearth, "first-request");
            String second = submit(hearth, "second-request");

            ILoggingEvent firstStarted = startedLine(lines, first);
            assertThat(firstStarted.getThreadName()).startsWith("statement-runner-");
            Map<String, String> mdc = firstStarted.getMDCPropertyMap();
            assertThat(mdc)
                    .containsEntry("request_id", "first-request")
                    .containsEntry("statement_id", first)
                    .containsEntry("user", System.getProperty("user.name"))
                    .containsKey("engine_id");
            assertThat(mdc.get("engine_id")).isNotBlank();
            // the pool thread took nothing of the first statement to the second
            ILoggingEvent secondStarted = startedLine(lines, second);
            assertThat(secondStarted.getThreadName()).isEqualTo(firstStarted.getThreadName());
            assertThat(secondStarted.getMDCPropertyMap())
                    .containsEntry("request_id", "second-request")
                    .containsEntry("statement_id", second)
                    .doesNotContainValue(first)
                    .doesNotContainValue("first-request");
        } finally {
            runnerLogger.detachAppender(lines);
            runnerLogger.setLevel(level);
        }
    }

    private static String submit(TestingHearth hearth, String requestId) {
        HttpResponse<String> answer = hearth.send(HttpRequest.newBuilder(hearth.uri("/v1/statements"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"statement\": \"select id from range(3)\"}"))
                .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Request-Id")).hasValue(requestId);
        return TestingHearth.json(answer.body()).get("statement_id").asText();
    }

    private static ILoggingEvent startedLine(ListAppender<ILoggingEvent> lines, String statementId) {
        synchronized (lines.list) {
            return lines.list.stream()
                    .filter(event -> event.getFormattedMessage()
                            .equals("Statement " + statementId + " started on "
                                    + event.getMDCPropertyMap().get("engine_id")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no start line for " + statementId + " in " + lines.list));
        }
    }
}
