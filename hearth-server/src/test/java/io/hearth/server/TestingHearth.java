package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.server.batch.BatchLauncher;
import io.hearth.server.config.ConfigLoader;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.engine.TestingEngineLauncher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A Hearth gateway on port 0 with in-process testing engines, and a small HTTP client for it. */
public final class TestingHearth implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HearthServer server;
    private final TestingEngineLauncher launcher;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Path dataDirectory;
    /** Sent with every request of this view; the gateway's own instance sends none. */
    private final Optional<String> authorization;
    /** Only the instance that started the gateway stops it; views made by {@link #as} do not. */
    private final boolean owner;

    private TestingHearth(HearthServer server, TestingEngineLauncher launcher, Path dataDirectory) {
        this(server, launcher, dataDirectory, Optional.empty(), true);
    }

    private TestingHearth(
            HearthServer server,
            TestingEngineLauncher launcher,
            Path dataDirectory,
            Optional<String> authorization,
            boolean owner) {
        this.server = server;
        this.launcher = launcher;
        this.dataDirectory = dataDirectory;
        this.authorization = authorization;
        this.owner = owner;
    }

    /**
     * The same gateway, every request of which carries HTTP Basic credentials (for a gateway started
     * with {@link TestingUsers#basicAuth}). Closing the view leaves the gateway running.
     */
    public TestingHearth as(String user, String password) {
        String pair = user + ":" + password;
        return withAuthorization("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** The same gateway, every request of which carries this bearer token. */
    public TestingHearth withToken(String token) {
        return withAuthorization("Bearer " + token);
    }

    /** The same gateway, every request of which carries this {@code Authorization} header value. */
    public TestingHearth withAuthorization(String authorizationHeader) {
        return new TestingHearth(server, launcher, dataDirectory, Optional.of(authorizationHeader), false);
    }

    public static TestingHearth start(Path dataDirectory, Map<String, String> settings) throws IOException {
        return start(dataDirectory, settings, new TestingEngineLauncher());
    }

    public static TestingHearth start(Path dataDirectory, Map<String, String> settings, TestingEngineLauncher launcher)
            throws IOException {
        HearthConfig config = testingConfig(dataDirectory, settings);
        return new TestingHearth(HearthServer.start(config, launcher, Clock.systemUTC()), launcher, dataDirectory);
    }

    /** A gateway whose batches start through the given launcher. */
    public static TestingHearth start(Path dataDirectory, Map<String, String> settings, BatchLauncher batchLauncher)
            throws IOException {
        HearthConfig config = testingConfig(dataDirectory, settings);
        TestingEngineLauncher launcher = new TestingEngineLauncher();
        return new TestingHearth(
                HearthServer.start(config, launcher, batchLauncher, Clock.systemUTC()), launcher, dataDirectory);
    }

    private static HearthConfig testingConfig(Path dataDirectory, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>();
        all.put("engine.heartbeat-interval", "200ms");
        all.put("engine.start-timeout", "10s");
        all.put("engine.registration-port", "0");
        all.put("engine.stop-on-shutdown", "true");
        all.putAll(settings);
        return config(dataDirectory, all);
    }

    /** A gateway that launches real engine JVMs from a distribution's {@code engine/} folder. */
    public static TestingHearth startWithRealEngines(
            Path dataDirectory, Path distribution, Map<String, String> settings) throws IOException {
        Map<String, String> all = new HashMap<>();
        all.put("engine.home", distribution.resolve("engine").toString());
        all.put("engine.master", "local[2]");
        all.put("engine.conf.spark.ui.enabled", "false");
        all.put("engine.conf.spark.sql.shuffle.partitions", "2");
        all.put("engine.registration-port", "0");
        all.put("engine.stop-on-shutdown", "true");
        all.putAll(settings);
        HearthConfig config = config(dataDirectory, all);
        return new TestingHearth(HearthServer.start(config), null, dataDirectory);
    }

    private static HearthConfig config(Path dataDirectory, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>();
        all.put("http.port", "0");
        all.put("hs2.port", "0");
        all.put("hs2.http.port", "0");
        all.put("flight-sql.port", "0");
        all.put("data-dir", dataDirectory.toString());
        all.putAll(settings);
        return ConfigLoader.load(Optional.empty(), Map.of(), all, dataDirectory);
    }

    /** The in-process engines' launcher (not for a gateway with real engines). */
    public TestingEngineLauncher engines() {
        if (launcher == null) {
            throw new IllegalStateException("this gateway runs real engines");
        }
        return launcher;
    }

    /** Every REST route the gateway serves, as {@code METHOD path}. */
    public java.util.List<String> routes() {
        return server.routes();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return server.port();
    }

    /** The HiveServer2 binary transport's port. */
    public int hs2Port() {
        return server.hs2Port();
    }

    /** The HiveServer2 HTTP transport's port. */
    public int hs2HttpPort() {
        return server.hs2HttpPort();
    }

    /** The port Arrow Flight SQL listens on. */
    public int flightSqlPort() {
        return server.flightSqlPort().orElseThrow(() -> new IllegalStateException("flight-sql.enabled is false"));
    }

    /** One series' value in a scrape of {@code /metrics} (as this client), e.g. {@code hearth_engines{state="IDLE"}}. */
    public double metric(String series) {
        HttpResponse<String> scrape = get("/metrics");
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        java.util.regex.Matcher line = java.util.regex.Pattern.compile(
                        "(?m)^" + java.util.regex.Pattern.quote(series) + " (\\S+)$")
                .matcher(scrape.body());
        assertThat(line.find())
                .as("series %s in the scrape:%n%s", series, scrape.body())
                .isTrue();
        return Double.parseDouble(line.group(1));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, String body) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads a jar through {@code POST /v1/artifacts} and returns its artifact id. */
    public String uploadArtifact(Path jar) throws IOException {
        HttpResponse<String> answer = postBytes(
                "/v1/artifacts?name=" + jar.getFileName(),
                "application/java-archive",
                java.nio.file.Files.readAllBytes(jar));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer.body()).get("artifact_id").asText();
    }

    /** POSTs raw bytes with a content type (null sends none). */
    public HttpResponse<String> postBytes(String path, String contentType, byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a streaming answer (such as Server-Sent Events) line by line; close the stream to hang up. */
    public HttpResponse<java.util.stream.Stream<String>> getLines(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** Sends any request, answering with the body as text. */
    public HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a statement and returns the answer, asserting HTTP 200. */
    public JsonNode submit(String body) {
        HttpResponse<String> response = post("/v1/statements", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    /** Polls a statement until the predicate holds, failing after the deadline. */
    public JsonNode awaitStatement(String statementId, Predicate<JsonNode> done, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        while (true) {
            HttpResponse<String> response = get("/v1/statements/" + statementId);
            JsonNode statement = json(response.body());
            if (done.test(statement)) {
                return statement;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(
                        "statement " + statementId + " did not get there in " + deadline + ": " + statement);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static JsonNode awaitState(TestingHearth hearth, String statementId, String state) {
        return hearth.awaitStatement(
                statementId, statement -> statement.at("/status/state").asText().equals(state), Duration.ofSeconds(10));
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            if (authorization.isPresent()
                    && request.headers().firstValue("Authorization").isEmpty()) {
                request = HttpRequest.newBuilder(request, (name, value) -> true)
                        .header("Authorization", authorization.get())
                        .build();
            }
            return client.send(request, handler);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        server.close();
        if (launcher != null) {
            launcher.close();
        }
    }
}
