package io.hearth.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hearth.api.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client sends and how it reads answers the gateway itself never gives (a proxy's, say). */
class RestTransportTest {
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile String body = "{\"engines\": [], \"added_by_a_newer_server\": true}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsBasicCredentialsAndReadsFieldsItDoesNotKnow() {
        try (HearthClient client = client(Credentials.basic("alice", "secret"))) {
            assertThat(client.engines().list()).isEmpty();
        }
        assertThat(authorizations).containsExactly("Basic YWxpY2U6c2VjcmV0");
    }

    @Test
    void sendsBearerTokensAndNothingWithoutCredentials() {
        try (HearthClient client = client(Credentials.bearer("t0ken"))) {
            client.engines().list();
        }
        try (HearthClient client = client(Credentials.none())) {
            client.engines().list();
        }
        assertThat(authorizations).containsExactly("Bearer t0ken", "");
        assertThat(Credentials.bearer("t0ken").toString()).doesNotContain("t0ken");
        assertThat(Credentials.basic("alice", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void keepsThePathPrefixOfTheServerAddressAndEscapesIds() {
        try (HearthClient client = HearthClient.builder()
                .server(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hearth/"))
                .build()) {
            body = "{\"engine_id\": \"a b/c\", \"state\": \"IDLE\", \"running_statements\": 0}";
            assertThat(client.engines().find("a b/c").engineId()).isEqualTo("a b/c");
        }
        assertThat(paths).containsExactly("/hearth/v1/engines/a%20b%2Fc");
    }

    @Test
    void anErrorPageThatIsNotAProblemIsStillTypedByItsStatus() {
        status = 502;
        contentType = "text/html";
        body = "<html>Bad Gateway</html>";
        try (HearthClient client = client(Credentials.none())) {
            assertThatThrownBy(() -> client.engines().list()).isInstanceOfSatisfying(HearthClientException.class, e -> {
                assertThat(e.httpStatus()).isEqualTo(502);
                assertThat(e.errorCode()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE);
                assertThat(e.getMessage()).isEqualTo("GET /v1/engines answered HTTP 502: <html>Bad Gateway</html>");
            });
        }
    }

    @Test
    void anErrorCodeThisClientDoesNotKnowKeepsItsName() {
        status = 400;
        contentType = "application/problem+json";
        body = "{\"type\": \"urn:hearth:error:brand_new\", \"title\": \"Brand new\", \"status\": 400,"
                + " \"detail\": \"something new\", \"instance\": \"/v1/engines\", \"error_code\": \"BRAND_NEW\"}";
        try (HearthClient client = client(Credentials.none())) {
            assertThatThrownBy(() -> client.engines().list()).isInstanceOfSatisfying(HearthClientException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                assertThat(e.errorCodeName()).isEqualTo("BRAND_NEW");
                assertThat(e.getMessage()).isEqualTo("something new");
            });
        }
    }

    @Test
    void refusesAServerAddressThatIsNotHttp() {
        assertThatThrownBy(() -> HearthClient.builder().server(URI.create("localhost:8990")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://");
    }

    private HearthClient client(Credentials credentials) {
        return HearthClient.builder()
                .server(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentials(credentials)
                .build();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        paths.add(exchange.getRequestURI().getRawPath());
        byte[] bytes = body.getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
