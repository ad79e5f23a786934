package io.hearth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.TestingUsers;
import io.hearth.server.auth.AuditLog;
import io.hearth.server.auth.AuthChain;
import io.hearth.server.auth.AuthConfig;
import io.hearth.server.auth.AuthMethod;
import io.hearth.server.auth.BasicMethod;
import io.hearth.server.auth.Principal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The REST front door's authentication step, around routes that count their calls: a request
 * without accepted credentials reaches no handler, and every request leaves one audit line.
 */
class AuthenticationGateTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path directory;

    private static HttpServer server;
    private static final AtomicInteger handled = new AtomicInteger();
    private static final ListAppender<ILoggingEvent> auditLines = new ListAppender<>();
    private static final Logger auditLogger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
    private static Level auditLevel;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Path users = TestingUsers.users()
                .add("alice", "alice-pw", "analysts")
                .add("root", "root-pw")
                .add("olga", "olga-pw", "staff", "operators")
                .add("mallory", "mallory-pw")
                .writeTo(directory.resolve("users"));
        AuthConfig config = new AuthConfig(
                List.of("basic"),
                "nobody",
                users,
                Set.of("root"),
                Set.of("operators"),
                "hearth",
                2,
                100,
                Duration.ofMinutes(1));
        Map<String, Supplier<AuthMethod>> methods = Map.of("basic", () -> new BasicMethod(users));
        RouteTable counting = (routes, requests) -> {
            routes.get("/v1/whoami", ctx -> {
                handled.incrementAndGet();
                Principal principal = Requests.principal(ctx);
                ctx.json(Map.of("name", principal.name(), "groups", principal.groups(), "admin", principal.admin()));
            });
            routes.post("/v1/things/{thing_id}", ctx -> {
                handled.incrementAndGet();
                Requests.principal(ctx);
                ctx.status(201).json(Map.of("thing_id", ctx.pathParam("thing_id")));
            });
            routes.get("/v1/things/{thing_id}", ctx -> {
                handled.incrementAndGet();
                throw new HearthException(ErrorCode.NOT_FOUND, "no such thing");
            });
            routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        };
        server = HttpServer.start(
                new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_REQUEST_BYTES),
                AuthChain.fromConfig(config, methods, Clock.systemUTC()),
                new AuditLog(),
                new HttpMetrics(new SimpleMeterRegistry()),
                List.of(counting));
        auditLevel = auditLogger.getLevel();
        auditLogger.setLevel(Level.INFO);
        auditLines.start();
        auditLogger.addAppender(auditLines);
    }

    @AfterAll
    static void stop() {
        auditLogger.detachAppender(auditLines);
        auditLogger.setLevel(auditLevel);
        server.close();
    }

    @BeforeEach
    void reset() {
        handled.set(0);
        auditLines.list.clear();
    }

    @Test
    void requestsWithoutAcceptedCredentialsReachNoHandler() {
        assertThat(send("GET", "/v1/whoami", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/v1/things/t1", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/v1/things/t1", "Basic " + encode("alice:wrong"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/v1/things/t1", "Basic " + encode("ghost:alice-pw"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/v1/things/t1", "Bearer forged").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/v1/things/t1", "Basic garbage!").statusCode()).isEqualTo(401);

        assertThat(handled).hasValue(0);

        assertThat(send("POST", "/v1/things/t1", basic("alice", "alice-pw")).statusCode())
                .isEqualTo(201);
        assertThat(handled).hasValue(1);
    }

    @Test
    void rateLimitedRequestsReachNoHandlerEvenWithTheRightPassword() {
        send("GET", "/v1/whoami", basic("mallory", "guess-1"));
        send("GET", "/v1/whoami", basic("mallory", "guess-2"));

        HttpResponse<String> limited = send("GET", "/v1/whoami", basic("mallory", "mallory-pw"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(handled).hasValue(0);
        assertThat(lastAuditLine())
                .isEqualTo("door=http user=mallory remote=127.0.0.1 action=\"GET /v1/whoami\" resource=-"
                        + " outcome=rate-limited status=429");
    }

    @Test
    void givesTheAdminRoleByNameAndByGroup() {
        assertThat(whoami("alice", "alice-pw").get("admin").asBoolean()).isFalse();
        assertThat(whoami("alice", "alice-pw").get("groups").get(0).asText()).isEqualTo("analysts");
        assertThat(whoami("root", "root-pw").get("admin").asBoolean()).isTrue();
        assertThat(whoami("olga", "olga-pw").get("admin").asBoolean()).isTrue();
    }

    @Test
    void auditsEveryRequestOnceWithWhoWhatWhereAndHowItEnded() {
        send("POST", "/v1/things/t-42", basic("alice", "alice-pw"));
        send("GET", "/v1/things/t-43", basic("alice", "alice-pw"));
        send("GET", "/v1/whoami", basic("root", "not-the-password"));
        send("GET", "/v1/whoami", null);
        send("GET", "/health/live", null);

        List<String> lines =
                auditLines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines)
                .containsExactly(
                        "door=http user=alice remote=127.0.0.1 action=\"POST /v1/things/{thing_id}\" resource=t-42"
                                + " outcome=allowed status=201",
                        "door=http user=alice remote=127.0.0.1 action=\"GET /v1/things/{thing_id}\" resource=t-43"
                                + " outcome=denied status=404",
                        "door=http user=root remote=127.0.0.1 action=\"GET /v1/whoami\" resource=-"
                                + " outcome=unauthenticated status=401",
                        "door=http user=- remote=127.0.0.1 action=\"GET /v1/whoami\" resource=-"
                                + " outcome=unauthenticated status=401");
        assertThat(String.join("\n", lines)).doesNotContain("not-the-password");
    }

    @Test
    void aUserNameCannotForgeAnAuditLine() {
        send("GET", "/v1/whoami", "Basic " + encode("eve\noutcome=allowed:x"));

        assertThat(lastAuditLine()).startsWith("door=http user=\"eve\\u000aoutcome=allowed\" remote=");
    }

    private JsonNode whoami(String user, String password) {
        HttpResponse<String> answer = send("GET", "/v1/whoami", basic(user, password));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        try {
            return MAPPER.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String lastAuditLine() {
        return auditLines.list.get(auditLines.list.size() - 1).getFormattedMessage();
    }

    private HttpResponse<String> send(String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + encode(user + ":" + password);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
