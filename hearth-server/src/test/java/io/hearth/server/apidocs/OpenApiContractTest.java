package io.hearth.server.apidocs;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import io.hearth.server.batch.TestingBatchLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * /openapi.json is the contract of the routes the gateway really has: it documents exactly the
 * registered routes, is a valid OpenAPI 3.1 document whose references all resolve, and real answers
 * (on the in-process engine, with HTTP Basic on) match the schemas it documents for their status
 * and media type.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {
    /** Registered routes that are not API operations: the reference page and its files. */
    private static final Set<String> NOT_API =
            Set.of("GET /api-docs", "GET /api-docs/{file}", "GET /", "GET /ui", "GET /ui/<path>");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path directory;

    private TestingHearth hearth;
    private TestingHearth alice;
    private JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private int checkedAnswers;

    @BeforeAll
    void start() throws IOException {
        Path users = TestingUsers.users().add("alice", "alice-password").writeTo(directory.resolve("users"));
        hearth = TestingHearth.start(
                directory.resolve("data"), TestingUsers.basicAuth(users), new TestingBatchLauncher());
        alice = hearth.as("alice", "alice-password");
        HttpResponse<String> answer = hearth.get("/openapi.json");
        assertThat(answer.statusCode()).as("served without credentials").isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        document = json(answer.body());
    }

    @AfterAll
    void stop() {
        hearth.close();
    }

    @Test
    void documentsExactlyTheRegisteredRoutes() {
        Set<String> documented = new TreeSet<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(
                                method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> registered = new TreeSet<>(hearth.routes());
        assertThat(registered).as("the gateway lists its routes").contains("GET /v1/statements", "GET /api-docs");
        registered.removeAll(NOT_API);
        assertThat(documented)
                .as("every route is documented in ApiOperations, and every documented route exists")
                .containsExactlyElementsOf(registered);
    }

    @Test
    void isAValidOpenApi31Document() throws IOException {
        Schema openApi31;
        try (InputStream in = getClass().getResourceAsStream("/openapi/oas-3.1-schema.json")) {
            openApi31 = registry.getSchema(MAPPER.readTree(in));
        }
        assertThat(openApi31.validate(document))
                .as("against the OpenAPI 3.1 schema")
                .isEmpty();
        assertThat(document.get("openapi").asText()).startsWith("3.1.");
        assertThat(document.at("/info/version").asText())
                .isEqualTo(OpenApiDocument.projectVersion())
                .isNotBlank();
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("/");
    }

    @Test
    void everyComponentSchemaIsJsonSchema202012() {
        Schema metaSchema = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        int count = 0;
        for (Map.Entry<String, JsonNode> schema :
                document.at("/components/schemas").properties()) {
            assertThat(metaSchema.validate(schema.getValue()))
                    .as(schema.getKey())
                    .isEmpty();
            count++;
        }
        assertThat(count).isGreaterThan(40);
    }

    @Test
    void routesDocumentedOpenAnswerWithoutCredentialsAndNoOthers() {
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                boolean open = operation.getValue().has("security");
                HttpResponse<String> answer = hearth.send(HttpRequest.newBuilder(
                                hearth.uri(path.getKey().replaceAll("\\{[a-z_]+}", "0")))
                        .method(operation.getKey().toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody())
                        .build());
                String route = operation.getKey() + " " + path.getKey();
                if (open) {
                    assertThat(answer.statusCode())
                            .as(route + " is documented open")
                            .isEqualTo(200);
                } else {
                    assertThat(answer.statusCode())
                            .as(route + " is documented to need credentials")
                            .isEqualTo(401);
                    assertThat(operation.getValue().at("/responses/401").isMissingNode())
                            .as(route + " documents its 401")
                            .isFalse();
                }
                checked++;
            }
        }
        assertThat(checked)
                .as("every API route probed")
                .isEqualTo(hearth.routes().size() - NOT_API.size());
    }

    @Test
    void schemasRejectWhatTheWireNeverCarries() {
        ObjectNode schema = MAPPER.createObjectNode().put("$ref", "#/components/schemas/StatementResponse");
        schema.set("components", document.get("components"));
        Schema statement = registry.getSchema(schema);
        assertThat(statement.validate(json("{\"statement_id\": \"s\", \"status\": {\"state\": \"RUNNING\"}}")))
                .isEmpty();
        assertThat(statement.validate(json("{\"statement_id\": 5}")))
                .as("a number id")
                .isNotEmpty();
        assertThat(statement.validate(json("{\"statementId\": \"s\"}")))
                .as("camelCase")
                .isNotEmpty();
        assertThat(statement.validate(json("{\"status\": {\"state\": \"DONE\"}}")))
                .as("an unknown state")
                .isNotEmpty();
        assertThat(statement.validate(json("{\"manifest\": {\"total_row_count\": \"many\"}}")))
                .as("a nested field of the wrong type")
                .isNotEmpty();
    }

    @Test
    void everyReferenceResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        assertThat(references).hasSizeGreaterThan(100);
        for (String reference : references) {
            assertThat(reference).as("a local reference").startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode())
                    .as(reference + " resolves")
                    .isFalse();
        }
    }

    @Test
    void describesSecurityAndOpenRoutes() {
        assertThat(document.at("/components/securitySchemes/basic/scheme").asText())
                .isEqualTo("basic");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.at("/paths/~1health~1live/get/security").isEmpty()).isTrue();
        assertThat(document.at("/paths/~1openapi.json/get/security").isEmpty()).isTrue();
        assertThat(document.at("/paths/~1v1~1statements/post/security").isMissingNode())
                .as("the document's security applies")
                .isTrue();
        assertThat(document.at("/paths/~1v1~1statements/post/responses/401/$ref")
                        .asText())
                .isEqualTo("#/components/responses/Problem401");
        assertThat(document.at(
                                "/paths/~1v1~1statements~1{statement_id}~1result~1chunks~1{chunk_index}/get/responses/200/content")
                        .fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "application/json", "text/csv", "application/vnd.apache.arrow.stream", "application/bson");
        assertThat(document.at("/paths/~1v1~1events/get/responses/200/content").has("text/event-stream"))
                .isTrue();
        assertThat(document.at("/paths/~1v1~1artifacts/post/requestBody/content")
                        .has("multipart/form-data"))
                .isTrue();
    }

    @Test
    void realAnswersMatchTheirDocumentedSchemas() throws IOException {
        int before = checkedAnswers;
        // statements: submitted, read, listed, a chunk in each format, canceled
        HttpResponse<String> submitted = alice.post("/v1/statements", "{\"statement\": \"select id from range(3)\"}");
        check("POST", "/v1/statements", submitted, 200);
        String statementId = json(submitted.body()).get("statement_id").asText();
        assertThat(json(submitted.body()).has("manifest"))
                .as("a result to check")
                .isTrue();
        check("GET", "/v1/statements/{statement_id}", alice.get("/v1/statements/" + statementId), 200);
        check("GET", "/v1/statements", alice.get("/v1/statements?limit=1"), 200);
        String chunk = "/v1/statements/" + statementId + "/result/chunks/0";
        String chunkTemplate = "/v1/statements/{statement_id}/result/chunks/{chunk_index}";
        check("GET", chunkTemplate, alice.get(chunk), 200);
        check("GET", chunkTemplate, alice.get(chunk + "?format=CSV"), 200);
        check("GET", chunkTemplate, alice.get(chunk, "Accept", "application/vnd.apache.arrow.stream"), 200);
        check("GET", chunkTemplate, alice.get(chunk + "?format=BSON"), 200);
        check("GET", chunkTemplate, alice.get(chunk + "?format=XML"), 400);
        check("GET", chunkTemplate, alice.get("/v1/statements/" + statementId + "/result/chunks/7"), 404);
        HttpResponse<String> blocked =
                alice.post("/v1/statements", "{\"statement\": \"block\", \"wait_timeout\": \"0s\"}");
        check("POST", "/v1/statements", blocked, 200);
        String blockedId = json(blocked.body()).get("statement_id").asText();
        check("GET", chunkTemplate, alice.get("/v1/statements/" + blockedId + "/result/chunks/0"), 409);
        check(
                "POST",
                "/v1/statements/{statement_id}/cancel",
                alice.post("/v1/statements/" + blockedId + "/cancel", ""),
                200);
        HttpResponse<String> failed = alice.post("/v1/statements", "{\"statement\": \"fail NOPE 42P01\"}");
        check("POST", "/v1/statements", failed, 200);

        // problems: a bad field, a missing id, malformed JSON, another media type, no credentials
        check(
                "POST",
                "/v1/statements",
                alice.post("/v1/statements", "{\"statement\": \"select 1\", \"wait_timeout\": \"3s\"}"),
                400);
        check("POST", "/v1/statements", alice.post("/v1/statements", "{\"statement\": "), 400);
        check(
                "POST",
                "/v1/statements",
                alice.postBytes("/v1/statements", "text/plain", "select 1".getBytes(StandardCharsets.UTF_8)),
                415);
        check("GET", "/v1/statements/{statement_id}", alice.get("/v1/statements/no-such-statement"), 404);
        check("GET", "/v1/statements", hearth.get("/v1/statements"), 401);
        check("GET", "/v1/statements", alice.get("/v1/statements?limit=0"), 400);

        // sessions
        HttpResponse<String> session =
                alice.post("/v1/sessions", "{\"conf\": {\"spark.sql.shuffle.partitions\": \"4\"}}");
        check("POST", "/v1/sessions", session, 200);
        String sessionId = json(session.body()).get("session_id").asText();
        check("GET", "/v1/sessions/{session_id}", alice.get("/v1/sessions/" + sessionId), 200);
        check("GET", "/v1/sessions", alice.get("/v1/sessions"), 200);
        check("DELETE", "/v1/sessions/{session_id}", alice.delete("/v1/sessions/" + sessionId), 200);
        check(
                "POST",
                "/v1/statements",
                alice.post("/v1/statements", "{\"statement\": \"select 1\", \"session_id\": \"" + sessionId + "\"}"),
                409);

        // engines, contexts, identity, tokens, operations
        HttpResponse<String> engines = alice.get("/v1/engines");
        check("GET", "/v1/engines", engines, 200);
        String engineId = json(engines.body()).at("/engines/0/engine_id").asText();
        check("GET", "/v1/engines/{engine_id}", alice.get("/v1/engines/" + engineId), 200);
        check("GET", "/v1/pool", alice.get("/v1/pool"), 200);
        check("GET", "/v1/contexts", alice.get("/v1/contexts"), 200);
        check("GET", "/v1/contexts/{name}", alice.get("/v1/contexts/default"), 200);
        check("GET", "/v1/me", alice.get("/v1/me"), 200);
        HttpResponse<String> token = alice.post("/v1/tokens", "{\"name\": \"ci\", \"expires_in\": \"1d\"}");
        check("POST", "/v1/tokens", token, 201);
        check("GET", "/v1/tokens", alice.get("/v1/tokens"), 200);
        check(
                "GET",
                "/v1/tokens/{token_id}",
                alice.get("/v1/tokens/" + json(token.body()).get("token_id").asText()),
                200);
        check("POST", "/v1/tokens", alice.post("/v1/tokens", "{\"name\": \"ci\", \"owner\": \"bob\"}"), 400);
        check("GET", "/health/live", hearth.get("/health/live"), 200);
        check("GET", "/health/ready", hearth.get("/health/ready"), 200);
        check("GET", "/metrics", alice.get("/metrics"), 200);

        // artifacts: a raw upload and a form, read and listed; not a jar
        Path jar = TestJars.compile(
                directory.resolve("sources"),
                Map.of("apps.Hello", "package apps; public class Hello { public static void main(String[] a) {} }"));
        HttpResponse<String> artifact =
                alice.postBytes("/v1/artifacts?name=hello.jar", "application/java-archive", Files.readAllBytes(jar));
        check("POST", "/v1/artifacts", artifact, 201);
        check(
                "GET",
                "/v1/artifacts/{artifact_id}",
                alice.get("/v1/artifacts/"
                        + json(artifact.body()).get("artifact_id").asText()),
                200);
        check("GET", "/v1/artifacts", alice.get("/v1/artifacts"), 200);
        check(
                "POST",
                "/v1/artifacts",
                alice.postBytes("/v1/artifacts?name=x.jar", "application/java-archive", new byte[] {1, 2, 3}),
                422);
        String boundary = "hearth-boundary";
        byte[] form = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"form.jar\"\r\n"
                        + "Content-Type: application/java-archive\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] jarBytes = Files.readAllBytes(jar);
        byte[] body = new byte[form.length + jarBytes.length + end.length];
        System.arraycopy(form, 0, body, 0, form.length);
        System.arraycopy(jarBytes, 0, body, form.length, jarBytes.length);
        System.arraycopy(end, 0, body, form.length + jarBytes.length, end.length);
        check(
                "POST",
                "/v1/artifacts",
                alice.send(HttpRequest.newBuilder(hearth.uri("/v1/artifacts"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build()),
                201);

        assertThat(checkedAnswers - before).as("answers checked").isEqualTo(42);
    }

    @Test
    void answersOfJobsBatchesStreamsContextsAndEventsMatchTheirDocumentedSchemas() throws IOException {
        int before = checkedAnswers;
        // functions and jobs (the in-process engine knows its testing.* classes; the jar is any jar)
        HttpResponse<String> jar = alice.postBytes(
                "/v1/artifacts?name=jobs.jar", "application/java-archive", TestJars.jar(Map.of("README.txt", "jobs")));
        check("POST", "/v1/artifacts", jar, 201);
        String artifactId = json(jar.body()).get("artifact_id").asText();
        for (String[] function : new String[][] {{"echo", "testing.Echo"}, {"rows", "testing.Rows"}}) {
            check(
                    "POST",
                    "/v1/functions",
                    alice.post(
                            "/v1/functions",
                            "{\"name\": \"" + function[0] + "\", \"artifact_id\": \"" + artifactId
                                    + "\", \"class_name\": \"" + function[1] + "\"}"),
                    201);
        }
        check("GET", "/v1/functions", alice.get("/v1/functions"), 200);
        check("GET", "/v1/functions/{name}", alice.get("/v1/functions/echo"), 200);
        String jobs = "/v1/functions/{name}/jobs";
        HttpResponse<String> echo =
                alice.post("/v1/functions/echo/jobs", "{\"parameters\": {\"n\": 3, \"word\": \"hi\"}}");
        check("POST", jobs, echo, 200);
        String echoId = json(echo.body()).get("job_id").asText();
        check("GET", "/v1/jobs/{job_id}", alice.get("/v1/jobs/" + echoId), 200);
        check("GET", "/v1/jobs/{job_id}/result", alice.get("/v1/jobs/" + echoId + "/result"), 200);
        check("GET", "/v1/jobs/{job_id}/log", alice.get("/v1/jobs/" + echoId + "/log"), 200);
        check("POST", jobs, alice.post("/v1/functions/echo/jobs", "{\"parameters\": {\"n\": \"three\"}}"), 400);
        HttpResponse<String> rows = alice.post("/v1/functions/rows/jobs", "{\"parameters\": {\"rows\": 5}}");
        check("POST", jobs, rows, 200);
        String rowsId = json(rows.body()).get("job_id").asText();
        check("GET", "/v1/jobs/{job_id}/result", alice.get("/v1/jobs/" + rowsId + "/result"), 200);
        check(
                "GET",
                "/v1/jobs/{job_id}/result/chunks/{chunk_index}",
                alice.get("/v1/jobs/" + rowsId + "/result/chunks/0?format=CSV"),
                200);
        check("GET", "/v1/jobs", alice.get("/v1/jobs"), 200);
        check("POST", "/v1/jobs/{job_id}/cancel", alice.post("/v1/jobs/" + rowsId + "/cancel", ""), 200);
        check("DELETE", "/v1/functions/{name}", alice.delete("/v1/functions/echo"), 204);

        // batches, on the testing launcher
        HttpResponse<String> batch =
                alice.post("/v1/batches", "{\"artifact_id\": \"" + artifactId + "\", \"class_name\": \"apps.Main\"}");
        check("POST", "/v1/batches", batch, 201);
        String batchId = json(batch.body()).get("batch_id").asText();
        check("GET", "/v1/batches/{batch_id}", alice.get("/v1/batches/" + batchId), 200);
        check("GET", "/v1/batches", alice.get("/v1/batches"), 200);
        check("GET", "/v1/batches/{batch_id}/log", alice.get("/v1/batches/" + batchId + "/log"), 200);
        check("DELETE", "/v1/batches/{batch_id}", alice.delete("/v1/batches/" + batchId), 200);
        check("POST", "/v1/batches", alice.post("/v1/batches", "{\"class_name\": \"apps.Main\"}"), 400);

        // streams
        HttpResponse<String> stream = alice.post("/v1/streams", """
                {"name": "counts", "source": {"format": "rate", "options": {"rowsPerSecond": "10"}},
                 "statement": "SELECT value FROM input", "sink": {"format": "memory", "name": "counts"},
                 "trigger": {"processing_time": "1 second"}}""");
        check("POST", "/v1/streams", stream, 201);
        String streamId = json(stream.body()).get("stream_id").asText();
        check("GET", "/v1/streams/{stream_id}", alice.get("/v1/streams/" + streamId), 200);
        check("GET", "/v1/streams", alice.get("/v1/streams"), 200);
        check("POST", "/v1/streams/{stream_id}/stop", alice.post("/v1/streams/" + streamId + "/stop", ""), 200);

        // contexts, by an admin of their own (root, the default user, is no user of this users file)
        check("POST", "/v1/contexts", alice.post("/v1/contexts", "{\"name\": \"small\", \"min_idle\": 0}"), 201);
        check(
                "PUT",
                "/v1/contexts/{name}",
                alice.send(HttpRequest.newBuilder(hearth.uri("/v1/contexts/small"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"small\", \"idle_timeout\": \"5m\"}"))
                        .build()),
                200);
        check("POST", "/v1/contexts", alice.post("/v1/contexts", "{\"name\": \"bad name!\"}"), 400);
        check("DELETE", "/v1/contexts/{name}", alice.delete("/v1/contexts/small"), 204);

        // engines, tokens, artifacts: the rest of the reads and deletes
        String engineId =
                json(alice.get("/v1/engines").body()).at("/engines/0/engine_id").asText();
        check("GET", "/v1/engines/{engine_id}/log", alice.get("/v1/engines/" + engineId + "/log"), 200);
        check("GET", "/v1/engines/{engine_id}/objects", alice.get("/v1/engines/" + engineId + "/objects"), 200);
        String tokenId = json(alice.post("/v1/tokens", "{\"name\": \"short\"}").body())
                .get("token_id")
                .asText();
        check("DELETE", "/v1/tokens/{token_id}", alice.delete("/v1/tokens/" + tokenId), 204);
        check("DELETE", "/v1/artifacts/{artifact_id}", alice.delete("/v1/artifacts/" + artifactId), 409);

        // a statement's events: Server-Sent Events whose data are HearthEvents
        String statementId = json(alice.post("/v1/statements", "{\"statement\": \"select id from range(2)\"}")
                        .body())
                .get("statement_id")
                .asText();
        HttpResponse<java.util.stream.Stream<String>> events =
                alice.getLines("/v1/statements/" + statementId + "/events");
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(document.at("/paths/~1v1~1statements~1{statement_id}~1events/get/responses/200/content")
                        .has("text/event-stream"))
                .isTrue();
        ObjectNode eventSchema = MAPPER.createObjectNode().put("$ref", "#/components/schemas/HearthEvent");
        eventSchema.set("components", document.get("components"));
        Schema event = registry.getSchema(eventSchema);
        List<String> types = new ArrayList<>();
        try (java.util.stream.Stream<String> lines = events.body()) {
            for (Iterator<String> line = lines.iterator(); line.hasNext() && !types.contains("SUCCEEDED"); ) {
                String text = line.next();
                if (text.startsWith("data: ")) {
                    JsonNode data = json(text.substring(6));
                    assertThat(event.validate(data)).as(text).isEmpty();
                    types.add(data.get("type").asText());
                }
            }
        }
        assertThat(types).contains("SUCCEEDED");

        assertThat(checkedAnswers - before).as("answers checked").isEqualTo(34);
    }

    /**
     * The answer's status is documented for the operation, its media type among the documented
     * ones, and a JSON body valid against the documented schema.
     */
    private void check(String method, String path, HttpResponse<String> answer, int expectedStatus) {
        assertThat(answer.statusCode())
                .as(method + " " + path + ": " + answer.body())
                .isEqualTo(expectedStatus);
        JsonNode operation = document.get("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode())
                .as(method + " " + path + " is documented")
                .isFalse();
        JsonNode response = operation.path("responses").path(Integer.toString(answer.statusCode()));
        assertThat(response.isMissingNode())
                .as(method + " " + path + " documents status " + answer.statusCode())
                .isFalse();
        if (response.has("$ref")) {
            response = document.at(response.get("$ref").asText().substring(1));
        }
        if (!response.has("content")) {
            assertThat(answer.body())
                    .as(method + " " + path + " " + answer.statusCode() + " has no body")
                    .isEmpty();
            checkedAnswers++;
            return;
        }
        String mediaType = answer.headers()
                .firstValue("Content-Type")
                .map(type -> type.split(";")[0].trim())
                .orElse("");
        JsonNode content = response.path("content").path(mediaType);
        assertThat(content.isMissingNode())
                .as(method + " " + path + " " + answer.statusCode() + " documents " + mediaType)
                .isFalse();
        if (mediaType.endsWith("json")) {
            ObjectNode schema = content.get("schema").deepCopy();
            // the schema's references point into the document's components
            schema.set("components", document.get("components"));
            assertThat(registry.getSchema(schema).validate(json(answer.body())))
                    .as(method + " " + path + " " + answer.statusCode() + ": " + answer.body())
                    .isEmpty();
        }
        checkedAnswers++;
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref")) {
                    references.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), references);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, references));
        }
    }
}
