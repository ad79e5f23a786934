package io.hearth.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/** The few REST calls the benchmark makes, reading results as streams so the bench holds no whole result. */
final class HearthRestClient {
    private static final Set<String> RUNNING_STATES = Set.of("PENDING", "RUNNING");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    HearthRestClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The answer to a submit or a poll; {@code inlineRows} counts the inline first chunk's rows, -1 when absent. */
    record StatementAnswer(String id, String state, JsonNode body, long inlineRows, long bytes) {
        boolean isRunning() {
            return RUNNING_STATES.contains(state);
        }

        JsonNode manifest() {
            return body.path("manifest");
        }

        int chunkCount() {
            return manifest().path("total_chunk_count").asInt(0);
        }
    }

    /** Rows and bytes read from one or more chunks. */
    record Transfer(long rows, long bytes) {
        Transfer plus(Transfer other) {
            return new Transfer(rows + other.rows, bytes + other.bytes);
        }
    }

    StatementAnswer submit(String sql, String format, String waitTimeout) throws IOException, InterruptedException {
        return submit(sql, format, waitTimeout, null);
    }

    /** Submits to a named context; {@code context} null means the default one. */
    StatementAnswer submit(String sql, String format, String waitTimeout, String context)
            throws IOException, InterruptedException {
        ObjectNode body = mapper.createObjectNode()
                .put("statement", sql)
                .put("wait_timeout", waitTimeout)
                .put("format", format);
        if (context != null) {
            body.put("context", context);
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/statements"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        return readStatement(send(request));
    }

    /** Polls until the statement leaves PENDING/RUNNING or the timeout passes. */
    StatementAnswer awaitFinished(StatementAnswer answer, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StatementAnswer current = answer;
        while (current.isRunning()) {
            if (System.nanoTime() > deadline) {
                cancel(current.id());
                throw new IOException(
                        "statement still " + current.state() + " after " + timeout.toSeconds() + " s (canceled)");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/statements/" + current.id()))
                    .timeout(Duration.ofMinutes(1))
                    .GET()
                    .build();
            current = readStatement(send(request));
        }
        if (!current.state().equals("SUCCEEDED")) {
            throw new IOException("statement " + current.id() + " ended " + current.state() + ": " + current.body());
        }
        return current;
    }

    /** Defines a context ({@code POST /v1/contexts}); the body is the context's definition in snake_case. */
    void createContext(ObjectNode definition) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/contexts"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        mapper.writeValueAsString(definition), StandardCharsets.UTF_8))
                .build();
        send(request).close();
    }

    /** Uploads a jar as an artifact; returns its id. */
    String uploadArtifact(Path jar) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/artifacts?name=" + jar.getFileName()))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofFile(jar))
                .build();
        try (InputStream in = send(request)) {
            return mapper.readTree(in).path("artifact_id").asText();
        }
    }

    /** Registers a function (the engine loads and checks its class). */
    void registerFunction(String name, String artifactId, String className) throws IOException, InterruptedException {
        ObjectNode body = mapper.createObjectNode()
                .put("name", name)
                .put("artifact_id", artifactId)
                .put("class_name", className);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/functions"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        send(request).close();
    }

    /**
     * Runs a job of a function with a 50 s wait and returns its JSON value; fails unless it
     * SUCCEEDED within the wait.
     */
    JsonNode runJob(String function, JsonNode parameters) throws IOException, InterruptedException {
        ObjectNode body = mapper.createObjectNode().put("wait_timeout", "50s");
        body.set("parameters", parameters);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/functions/" + function + "/jobs"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        JsonNode answer;
        try (InputStream in = send(request)) {
            answer = mapper.readTree(in);
        }
        if (!answer.path("status").path("state").asText().equals("SUCCEEDED")) {
            throw new IOException("job of " + function + " did not succeed within 50 s: " + answer);
        }
        return answer.path("value");
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    void cancel(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/statements/" + id + "/cancel"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        send(request).close();
    }

    /** Fetches one chunk as an Arrow stream, counting its rows. */
    Transfer fetchArrowChunk(String id, int chunk, BufferAllocator allocator) throws IOException, InterruptedException {
        try (CountingInputStream in = new CountingInputStream(send(chunkRequest(id, chunk, "ARROW_STREAM")));
                ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
            long rows = 0;
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            in.transferTo(OutputStreamSink.INSTANCE);
            return new Transfer(rows, in.count());
        }
    }

    /** Fetches one chunk as JSON_ARRAY, counting the rows of its data_array as it streams. */
    Transfer fetchJsonChunk(String id, int chunk) throws IOException, InterruptedException {
        try (CountingInputStream in = new CountingInputStream(send(chunkRequest(id, chunk, "JSON_ARRAY")));
                JsonParser parser = mapper.getFactory().createParser(in)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            long rows = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("data_array")) {
                    rows = countArrayElements(parser);
                } else {
                    parser.skipChildren();
                }
            }
            in.transferTo(OutputStreamSink.INSTANCE);
            return new Transfer(rows, in.count());
        }
    }

    JsonNode engines() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/engines"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        try (InputStream in = send(request)) {
            return mapper.readTree(in);
        }
    }

    private HttpRequest chunkRequest(String id, int chunk, String format) {
        return HttpRequest.newBuilder(
                        base.resolve("/v1/statements/" + id + "/result/chunks/" + chunk + "?format=" + format))
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
    }

    /** Reads a statement answer, streaming past the inline rows instead of building a tree of them. */
    private StatementAnswer readStatement(InputStream body) throws IOException {
        try (CountingInputStream in = new CountingInputStream(body);
                JsonParser parser = mapper.getFactory().createParser(in)) {
            ObjectNode answer = mapper.createObjectNode();
            long inlineRows = -1;
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("result") && parser.currentToken() == JsonToken.START_OBJECT) {
                    ObjectNode result = answer.putObject("result");
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String resultField = parser.currentName();
                        parser.nextToken();
                        if (resultField.equals("data_array")) {
                            inlineRows = countArrayElements(parser);
                        } else {
                            result.set(resultField, mapper.readTree(parser));
                        }
                    }
                } else {
                    answer.set(field, mapper.readTree(parser));
                }
            }
            in.transferTo(OutputStreamSink.INSTANCE);
            String id = answer.path("statement_id").asText();
            String state = answer.path("status").path("state").asText();
            return new StatementAnswer(id, state, answer, inlineRows, in.count());
        }
    }

    private static long countArrayElements(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return 0;
        }
        expect(parser.currentToken(), JsonToken.START_ARRAY);
        long count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
            count++;
        }
        return count;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " in the response, found " + actual);
        }
    }

    private InputStream send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            String problem;
            try (InputStream in = response.body()) {
                problem = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            throw new IOException(
                    request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + problem);
        }
        return response.body();
    }
}
