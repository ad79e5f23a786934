package io.hearth.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;

/**
 * The one place HTTP happens: every resource ({@link Statements}, {@link Sessions}, {@link
 * Artifacts}, {@link Batches}, {@link Engines}) is a few calls of {@link #send}, {@link #call},
 * {@link #stream} and {@link #text}, which add the
 * credentials, apply timeouts, and turn error answers into {@link HearthClientException} and
 * broken connections into {@link HearthConnectionException}.
 */
final class RestTransport implements AutoCloseable {
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    static final String JSON = "application/json";

    private final URI server;
    private final HttpClient http;
    private final ExecutorService executor;
    private final ObjectMapper mapper;
    private final Optional<String> authorization;
    private final Duration requestTimeout;

    RestTransport(
            URI server,
            HttpClient http,
            ExecutorService executor,
            ObjectMapper mapper,
            Credentials credentials,
            Duration requestTimeout) {
        this.server = requireNonNull(server, "server is null");
        this.http = requireNonNull(http, "http is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.authorization = requireNonNull(credentials, "credentials is null").authorization();
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
    }

    URI server() {
        return server;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** A JSON request (no body when {@code body} is null) answered with JSON read as {@code type}. */
    <T> T send(String method, String path, Object body, Class<T> type) {
        return send(method, path, body, Duration.ZERO, type);
    }

    /** As {@link #send(String, String, Object, Class)}, for a request the server may hold for {@code serverWait}. */
    <T> T send(String method, String path, Object body, Duration serverWait, Class<T> type) {
        HttpRequest.BodyPublisher publisher =
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(json(body));
        return send(method, path, publisher, body == null ? null : JSON, serverWait, type);
    }

    /** Any request body (a jar upload, say) answered with JSON read as {@code type}. */
    <T> T send(
            String method,
            String path,
            HttpRequest.BodyPublisher body,
            String contentType,
            Duration serverWait,
            Class<T> type) {
        HttpRequest.Builder request = request(path, JSON, serverWait).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try (InputStream in = exchange(request.build())) {
            return mapper.readValue(in, type);
        } catch (JsonProcessingException e) {
            throw new HearthConnectionException(
                    server, method + " " + path + ": the answer from " + server + " is not what Hearth sends", e);
        } catch (IOException e) {
            throw broken(path, e);
        }
    }

    /** A request without a body whose successful answer has none either ({@code 204 No Content}). */
    void call(String method, String path) {
        HttpRequest request = request(path, JSON, Duration.ZERO)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try (InputStream in = exchange(request)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw broken(path, e);
        }
    }

    /** A GET whose successful answer is streamed to the caller, who closes it. */
    InputStream stream(String path, String accept) {
        return exchange(request(path, accept, Duration.ZERO).GET().build());
    }

    /**
     * A Server-Sent Events stream, open until the caller closes it or the server ends it: no
     * request timeout once the answer has begun (the stream sends a comment every 15 s).
     */
    InputStream eventStream(String path, java.util.OptionalLong lastEventId) {
        String base = server.toString().replaceAll("/+$", "");
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream");
        authorization.ifPresent(value -> request.header("Authorization", value));
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", Long.toString(id)));
        return exchange(request.GET().build());
    }

    /** A GET answered with text. */
    String text(String path) {
        try (InputStream in = stream(path, "text/plain")) {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw broken(path, e);
        }
    }

    private HttpRequest.Builder request(String path, String accept, Duration serverWait) {
        // appended, not resolved: a gateway behind a proxy may live under a path prefix
        String base = server.toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout.plus(serverWait))
                .header("Accept", accept);
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    /** Sends a request; a 2xx answer's body is returned open, anything else is thrown. */
    private InputStream exchange(HttpRequest request) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted");
            interrupted.initCause(e);
            throw new HearthConnectionException(
                    server, "interrupted while waiting for " + server + " to answer " + describe(request), interrupted);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        throw new HearthClientException(problem(request, response));
    }

    private Problem problem(HttpRequest request, HttpResponse<InputStream> response) {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY_BYTES);
        } catch (IOException e) {
            body = new byte[0];
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                Problem problem = mapper.readValue(body, Problem.class);
                if (problem.status() == response.statusCode()) {
                    return problem;
                }
            } catch (IOException e) {
                // not a problem document: described below from its status and text
            }
        }
        String text = new String(body, UTF_8).strip();
        if (text.length() > 200) {
            text = text.substring(0, 200) + "...";
        }
        int status = response.statusCode();
        String detail = describe(request) + " answered HTTP " + status + (text.isEmpty() ? "" : ": " + text);
        return new Problem(
                null,
                null,
                status,
                detail,
                request.uri().getPath(),
                HearthClientException.fromStatus(status).name(),
                null,
                null);
    }

    private HearthConnectionException unreachable(HttpRequest request, IOException e) {
        String reason;
        if (e instanceof HttpConnectTimeoutException) {
            reason = "the connection timed out";
        } else if (e instanceof HttpTimeoutException) {
            reason = "no answer within "
                    + request.timeout().map(Duration::toString).orElse("the timeout");
        } else if (e instanceof ConnectException) {
            reason = "connection refused (is the gateway running there?)";
        } else {
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return new HearthConnectionException(
                server, "cannot reach Hearth at " + server + " (" + describe(request) + "): " + reason, e);
    }

    private HearthConnectionException broken(String path, IOException e) {
        return new HearthConnectionException(
                server, "the connection to Hearth at " + server + " broke while reading " + path + ": " + e, e);
    }

    private byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getRawPath();
    }

    /** A path segment, escaped: ids come from users and must not change the path. */
    static String segment(String value) {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an id must not be blank");
        }
        return URLEncoder.encode(value, UTF_8).replace("+", "%20");
    }

    /** {@code path?name=value&...}, leaving out null values. */
    static String withQuery(String path, Map<String, ?> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(URLEncoder.encode(name, UTF_8) + "=" + URLEncoder.encode(value.toString(), UTF_8));
            }
        });
        return path + query;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient (Java 17) cannot be closed; its threads are ours to stop
        executor.shutdownNow();
    }
}
