package io.hearth.server;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.batch.TestingBatchLauncher;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization matrix: every REST route, walked with two users (alice, bob) and an admin
 * (root), logged in with HTTP Basic over a users file. Alice makes one of everything; for each
 * route, bob's read, change, delete or sub-resource of alice's work answers exactly what a missing
 * id answers (404, same message), bob's lists never show alice's work, and root succeeds. The
 * matrix must name every route the gateway registers, so a new route cannot be forgotten.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
    private static final String MISSING = "no-such-id-0000";

    @TempDir
    static Path dataDirectory;

    private TestingHearth hearth;
    private TestingHearth alice;
    private TestingHearth bob;
    private TestingHearth root;

    private String artifact;
    private String statement;
    private String session;
    private String job;
    private String batch;
    private String engine;
    private String token;
    private String stream;

    @BeforeAll
    void start() throws Exception {
        Path users = TestingUsers.users()
                .add("alice", "alice-password")
                .add("bob", "bob-password")
                .add("root", "root-password")
                .writeTo(dataDirectory.resolve("users"));
        Map<String, String> settings = new LinkedHashMap<>(TestingUsers.basicAuth(users, "root"));
        settings.put("result.chunk-max-rows", "2");
        hearth = TestingHearth.start(dataDirectory.resolve("data"), settings, new TestingBatchLauncher());
        alice = hearth.as("alice", "alice-password");
        bob = hearth.as("bob", "bob-password");
        root = hearth.as("root", "root-password");

        Path jar = TestJars.compile(dataDirectory.resolve("sources"), Map.of("apps.Hello", """
                package apps;
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println("hello");
                    }
                }
                """));
        artifact = created(alice.postBytes(
                        "/v1/artifacts?name=hello.jar", "application/java-archive", Files.readAllBytes(jar)))
                .get("artifact_id")
                .asText();
        created(alice.post(
                "/v1/functions",
                "{\"name\": \"rows\", \"artifact_id\": \"" + artifact + "\", \"class_name\": \"testing.Rows\"}"));
        created(alice.post("/v1/contexts", "{\"name\": \"alices\", \"acl\": {\"use\": [\"alice\"]}}"));
        JsonNode sql = ok(alice.post(
                "/v1/statements", "{\"statement\": \"select id from range(5)\", \"wait_timeout\": \"10s\"}"));
        assertThat(sql.at("/status/state").asText()).as(sql.toString()).isEqualTo("SUCCEEDED");
        statement = sql.get("statement_id").asText();
        JsonNode rows =
                ok(alice.post("/v1/functions/rows/jobs", "{\"parameters\": {\"rows\": 5}, \"wait_timeout\": \"10s\"}"));
        assertThat(rows.at("/status/state").asText()).as(rows.toString()).isEqualTo("SUCCEEDED");
        job = rows.get("job_id").asText();
        session = ok(alice.post("/v1/sessions", "{}")).get("session_id").asText();
        batch = created(alice.post(
                        "/v1/batches",
                        "{\"artifact_id\": \"" + artifact + "\", \"class_name\": \"apps.Hello\", \"args\": []}"))
                .get("batch_id")
                .asText();
        engine = json(alice.get("/v1/sessions/" + session).body())
                .get("engine_id")
                .asText();
        token = created(alice.post("/v1/tokens", "{\"name\": \"alices-ci\"}"))
                .get("token_id")
                .asText();
        stream = created(alice.post(
                        "/v1/streams",
                        "{\"source\": {\"format\": \"rate\"}, \"statement\": \"SELECT value FROM input\","
                                + " \"sink\": {\"format\": \"memory\", \"name\": \"alices_rates\"}}"))
                .get("stream_id")
                .asText();
        // bob has work of his own, so "not alice's" is tested against lists that are not empty
        ok(bob.post("/v1/statements", "{\"statement\": \"select id from range(1)\", \"wait_timeout\": \"10s\"}"));
    }

    @AfterAll
    void stop() {
        hearth.close();
    }

    @Test
    void theMatrixCoversEveryRegisteredRoute() {
        List<String> registered = hearth.routes();
        assertThat(registered).as("the gateway lists its routes").contains("GET /v1/statements");
        assertThat(new TreeSet<>(matrix().keySet()))
                .as("every registered route has a row in the authorization matrix; add one for a new route")
                .containsExactlyElementsOf(new TreeSet<>(registered));
    }

    @TestFactory
    Stream<DynamicTest> noUserReadsOrChangesAnothersWork() {
        return matrix().entrySet().stream().map(row -> dynamicTest(row.getKey(), row.getValue()::run));
    }

    /** One check per route, reads before changes, and deletes last (in the order they depend). */
    private Map<String, Runnable> matrix() {
        Map<String, Runnable> matrix = new LinkedHashMap<>();
        matrix.put(
                "GET /health/live",
                () -> assertThat(bob.get("/health/live").statusCode()).isEqualTo(200));
        matrix.put("GET /v1/tokens", () -> {
            // token lists are the caller's own, admins' too: an admin reads or revokes one by its id
            assertThat(ids(bob, "/v1/tokens", "tokens", "token_id")).doesNotContain(token);
            assertThat(ids(root, "/v1/tokens", "tokens", "token_id")).doesNotContain(token);
            assertThat(ids(alice, "/v1/tokens", "tokens", "token_id")).contains(token);
        });
        matrix.put("GET /v1/tokens/{token_id}", () -> readable(id -> "/v1/tokens/" + id, token));
        matrix.put("POST /v1/tokens", () -> {
            // a token is always the caller's: there is no owner to name
            assertThat(bob.post("/v1/tokens", "{\"name\": \"bobs\", \"owner\": \"alice\"}")
                            .statusCode())
                    .isEqualTo(400);
            JsonNode bobs = created(bob.post("/v1/tokens", "{\"name\": \"bobs\"}"));
            assertThat(bobs.get("owner").asText()).isEqualTo("bob");
        });
        matrix.put("GET /v1/me", () -> {
            JsonNode me = json(bob.get("/v1/me").body());
            assertThat(me.get("user").asText()).isEqualTo("bob");
            assertThat(me.get("admin").asBoolean()).isFalse();
            assertThat(json(root.get("/v1/me").body()).get("admin").asBoolean()).isTrue();
        });
        // the web console's files are open (the page loads to show its sign-in form) and hold no one's work
        matrix.put("GET /", () -> assertThat(bob.get("/").statusCode()).isEqualTo(302));
        matrix.put(
                "GET /ui",
                () -> assertThat(bob.get("/ui").body())
                        .isEqualTo(root.get("/ui").body()));
        matrix.put("GET /ui/<path>", () -> {
            assertThat(bob.get("/ui/statements/" + statement).body())
                    .isEqualTo(root.get("/ui/").body())
                    .doesNotContain(statement);
        });
        matrix.put(
                "GET /health/ready",
                () -> assertThat(bob.get("/health/ready").statusCode()).isEqualTo(200));
        // open without credentials (hearth sends none): the API contract and its page describe the
        // API, no one's data
        matrix.put(
                "GET /openapi.json",
                () -> assertThat(hearth.get("/openapi.json").statusCode()).isEqualTo(200));
        matrix.put(
                "GET /api-docs",
                () -> assertThat(hearth.get("/api-docs").statusCode()).isEqualTo(200));
        matrix.put("GET /api-docs/{file}", () -> {
            assertThat(hearth.get("/api-docs/swagger-initializer.js").statusCode())
                    .isEqualTo(200);
            assertThat(hearth.get("/api-docs/no-such-file.js").statusCode()).isEqualTo(404);
        });
        matrix.put("GET /metrics", () -> {
            HttpResponse<String> metrics = bob.get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).as("counts, never anyone's work").doesNotContain(statement, session, job);
        });

        // statements
        matrix.put("GET /v1/statements", () -> listed("/v1/statements", "statements", "statement_id", statement));
        matrix.put("GET /v1/statements/{statement_id}", () -> readable(id -> "/v1/statements/" + id, statement));
        matrix.put(
                "GET /v1/statements/{statement_id}/result/chunks/{chunk_index}",
                () -> readable(id -> "/v1/statements/" + id + "/result/chunks/0", statement));
        matrix.put("POST /v1/statements", () -> {
            hiddenLikeMissing(
                    id -> bob.post(
                            "/v1/statements",
                            "{\"statement\": \"select id from range(1)\", \"session_id\": \"" + id + "\"}"),
                    session);
            HttpResponse<String> forbidden =
                    bob.post("/v1/statements", "{\"statement\": \"select id from range(1)\", \"context\": \"alices\"}");
            HttpResponse<String> unknown = bob.post(
                    "/v1/statements", "{\"statement\": \"select id from range(1)\", \"context\": \"nowhere\"}");
            sameAnswer(forbidden, unknown, "alices", "nowhere");
            HttpResponse<String> intoAlicesSession = root.post(
                    "/v1/statements",
                    "{\"statement\": \"select id from range(1)\", \"session_id\": \"" + session + "\"}");
            assertThat(intoAlicesSession.statusCode())
                    .as("her session's engine runs as alice: only she submits into it")
                    .isEqualTo(403);
        });
        matrix.put(
                "POST /v1/statements/{statement_id}/cancel",
                () -> changeable(
                        id -> bob.post("/v1/statements/" + id + "/cancel", ""),
                        id -> root.post("/v1/statements/" + id + "/cancel", ""),
                        statement,
                        200));

        // sessions
        matrix.put("GET /v1/sessions", () -> listed("/v1/sessions", "sessions", "session_id", session));
        matrix.put("GET /v1/sessions/{session_id}", () -> readable(id -> "/v1/sessions/" + id, session));
        matrix.put(
                "POST /v1/sessions",
                () -> sameAnswer(
                        bob.post("/v1/sessions", "{\"context\": \"alices\"}"),
                        bob.post("/v1/sessions", "{\"context\": \"nowhere\"}"),
                        "alices",
                        "nowhere"));

        // artifacts
        matrix.put("GET /v1/artifacts", () -> listed("/v1/artifacts", "artifacts", "artifact_id", artifact));
        matrix.put("GET /v1/artifacts/{artifact_id}", () -> readable(id -> "/v1/artifacts/" + id, artifact));
        matrix.put("POST /v1/artifacts", () -> {
            JsonNode bobs = created(bob.postBytes(
                    "/v1/artifacts?name=bob.jar", "application/java-archive", TestJars.jar(Map.of("a.txt", "b"))));
            assertThat(bobs.get("owner").asText()).isEqualTo("bob");
            assertThat(alice.get("/v1/artifacts/" + bobs.get("artifact_id").asText())
                            .statusCode())
                    .isEqualTo(404);
        });

        // functions and jobs
        matrix.put("GET /v1/functions", () -> {
            assertThat(json(bob.get("/v1/functions").body()).get("functions")).isEmpty();
            assertThat(json(bob.get("/v1/functions?owner=alice").body()).get("functions"))
                    .isEmpty();
            assertThat(json(root.get("/v1/functions").body()).get("functions").findValuesAsText("owner"))
                    .contains("alice");
        });
        matrix.put("GET /v1/functions/{name}", () -> {
            sameAnswer(bob.get("/v1/functions/rows"), bob.get("/v1/functions/nothing"), "rows", "nothing");
            sameAnswer(
                    bob.get("/v1/functions/rows?owner=alice"),
                    bob.get("/v1/functions/nothing?owner=alice"),
                    "rows",
                    "nothing");
            assertThat(root.get("/v1/functions/rows?owner=alice").statusCode()).isEqualTo(200);
        });
        matrix.put(
                "POST /v1/functions",
                () -> refusedLikeMissing(
                        id -> bob.post(
                                "/v1/functions",
                                "{\"name\": \"mine\", \"artifact_id\": \"" + id
                                        + "\", \"class_name\": \"testing.Echo\"}"),
                        artifact));
        matrix.put("POST /v1/functions/{name}/jobs", () -> {
            sameAnswer(
                    bob.post("/v1/functions/rows/jobs?owner=alice", "{\"parameters\": {\"rows\": 1}}"),
                    bob.post("/v1/functions/nothing/jobs?owner=alice", "{\"parameters\": {\"rows\": 1}}"),
                    "rows",
                    "nothing");
            HttpResponse<String> admins = root.post(
                    "/v1/functions/rows/jobs?owner=alice",
                    "{\"parameters\": {\"rows\": 1}, \"wait_timeout\": \"10s\"}");
            assertThat(admins.statusCode()).as(admins.body()).isEqualTo(200);
        });
        matrix.put("GET /v1/jobs", () -> listed("/v1/jobs", "jobs", "job_id", job));
        matrix.put("GET /v1/jobs/{job_id}", () -> readable(id -> "/v1/jobs/" + id, job));
        matrix.put("GET /v1/jobs/{job_id}/result", () -> readable(id -> "/v1/jobs/" + id + "/result", job));
        matrix.put(
                "GET /v1/jobs/{job_id}/result/chunks/{chunk_index}",
                () -> readable(id -> "/v1/jobs/" + id + "/result/chunks/0", job));
        matrix.put("GET /v1/jobs/{job_id}/log", () -> readable(id -> "/v1/jobs/" + id + "/log", job));
        matrix.put(
                "POST /v1/jobs/{job_id}/cancel",
                () -> changeable(
                        id -> bob.post("/v1/jobs/" + id + "/cancel", ""),
                        id -> root.post("/v1/jobs/" + id + "/cancel", ""),
                        job,
                        200));

        // batches
        matrix.put("GET /v1/batches", () -> listed("/v1/batches", "batches", "batch_id", batch));
        matrix.put("GET /v1/batches/{batch_id}", () -> readable(id -> "/v1/batches/" + id, batch));
        matrix.put("GET /v1/batches/{batch_id}/log", () -> readable(id -> "/v1/batches/" + id + "/log", batch));
        matrix.put(
                "POST /v1/batches",
                () -> refusedLikeMissing(
                        id -> bob.post(
                                "/v1/batches",
                                "{\"artifact_id\": \"" + id + "\", \"class_name\": \"apps.Hello\", \"args\": []}"),
                        artifact));

        // streams
        matrix.put("GET /v1/streams", () -> listed("/v1/streams", "streams", "stream_id", stream));
        matrix.put("GET /v1/streams/{stream_id}", () -> readable(id -> "/v1/streams/" + id, stream));
        matrix.put(
                "POST /v1/streams",
                () -> refusedLikeMissing(
                        id -> bob.post(
                                "/v1/streams",
                                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"SELECT value FROM input\","
                                        + " \"sink\": {\"format\": \"memory\", \"name\": \"bobs\"},"
                                        + " \"context\": \"" + id + "\"}"),
                        "alices"));
        matrix.put(
                "POST /v1/streams/{stream_id}/stop",
                () -> changeable(
                        id -> bob.post("/v1/streams/" + id + "/stop", ""),
                        id -> root.post("/v1/streams/" + id + "/stop", ""),
                        stream,
                        200));

        // engines: alice's USER engine serves her alone
        matrix.put("GET /v1/engines", () -> {
            assertThat(json(bob.get("/v1/engines").body()).get("engines").findValuesAsText("engine_id"))
                    .doesNotContain(engine);
            assertThat(json(root.get("/v1/engines").body()).get("engines").findValuesAsText("engine_id"))
                    .contains(engine);
            assertThat(json(alice.get("/v1/engines").body()).get("engines").findValuesAsText("engine_id"))
                    .contains(engine);
        });
        // the pool's counts are the gateway's, for everyone: alice's engine is counted in what bob reads,
        // and nothing in it names her or her work
        matrix.put("GET /v1/pool", () -> {
            HttpResponse<String> pool = bob.get("/v1/pool");
            assertThat(pool.statusCode()).isEqualTo(200);
            assertThat(pool.body()).doesNotContain(engine, statement, session, "alice");
            assertThat(json(pool.body()).at("/engines/IDLE").asInt()
                            + json(pool.body()).at("/engines/BUSY").asInt())
                    .isPositive();
            assertThat(hearth.get("/v1/pool").statusCode())
                    .as("not without credentials")
                    .isEqualTo(401);
        });
        matrix.put("GET /v1/engines/{engine_id}", () -> readable(id -> "/v1/engines/" + id, engine));
        matrix.put("GET /v1/engines/{engine_id}/log", () -> readable(id -> "/v1/engines/" + id + "/log", engine));
        matrix.put(
                "GET /v1/engines/{engine_id}/objects", () -> readable(id -> "/v1/engines/" + id + "/objects", engine));

        // contexts: alice's is used by her alone
        matrix.put("GET /v1/contexts", () -> {
            assertThat(json(bob.get("/v1/contexts").body()).get("contexts").findValuesAsText("name"))
                    .containsExactly("default");
            assertThat(json(root.get("/v1/contexts").body()).get("contexts").findValuesAsText("name"))
                    .contains("alices");
        });
        matrix.put("GET /v1/contexts/{name}", () -> {
            sameAnswer(bob.get("/v1/contexts/alices"), bob.get("/v1/contexts/nowhere"), "alices", "nowhere");
            assertThat(root.get("/v1/contexts/alices").statusCode()).isEqualTo(200);
        });
        matrix.put("POST /v1/contexts", () -> {
            HttpResponse<String> withAlicesJar =
                    bob.post("/v1/contexts", "{\"name\": \"b1\", \"jars\": [\"" + artifact + "\"]}");
            HttpResponse<String> withNoJar =
                    bob.post("/v1/contexts", "{\"name\": \"b1\", \"jars\": [\"" + MISSING + "\"]}");
            sameAnswer(withAlicesJar, withNoJar, artifact, MISSING);
        });
        matrix.put("PUT /v1/contexts/{name}", () -> {
            sameAnswer(put(bob, "/v1/contexts/alices"), put(bob, "/v1/contexts/nowhere"), "alices", "nowhere");
            assertThat(put(root, "/v1/contexts/alices").statusCode()).isEqualTo(200);
        });

        // event streams: another's resource is missing; the caller's own stream never carries another's
        matrix.put(
                "GET /v1/statements/{statement_id}/events",
                () -> streamable(id -> "/v1/statements/" + id + "/events", statement));
        matrix.put("GET /v1/jobs/{job_id}/events", () -> streamable(id -> "/v1/jobs/" + id + "/events", job));
        matrix.put("GET /v1/batches/{batch_id}/events", () -> streamable(id -> "/v1/batches/" + id + "/events", batch));
        matrix.put(
                "GET /v1/sessions/{session_id}/events",
                () -> streamable(id -> "/v1/sessions/" + id + "/events", session));
        matrix.put(
                "GET /v1/streams/{stream_id}/events", () -> streamable(id -> "/v1/streams/" + id + "/events", stream));
        matrix.put("GET /v1/events", () -> {
            List<String> bobsData = firstEvents(bob, "/v1/events?last_event_id=0", 3);
            assertThat(bobsData)
                    .allSatisfy(
                            data -> assertThat(json(data).get("owner").asText()).isEqualTo("bob"));
            assertThat(String.join("\n", bobsData)).doesNotContain(statement, session, job, batch);
            List<String> roots = firstEvents(root, "/v1/events?owner=alice&last_event_id=0", 3);
            assertThat(roots)
                    .allSatisfy(
                            data -> assertThat(json(data).get("owner").asText()).isEqualTo("alice"));
            HttpResponse<Stream<String>> askingForHers = bob.getLines("/v1/events?owner=alice");
            assertThat(askingForHers.statusCode())
                    .as("an empty stream, as for an owner with nothing")
                    .isEqualTo(200);
            askingForHers.body().close();
        });

        // deletes, in the order they depend on each other
        matrix.put(
                "DELETE /v1/sessions/{session_id}",
                () -> changeable(
                        id -> bob.delete("/v1/sessions/" + id), id -> root.delete("/v1/sessions/" + id), session, 200));
        matrix.put(
                "DELETE /v1/batches/{batch_id}",
                () -> changeable(
                        id -> bob.delete("/v1/batches/" + id), id -> root.delete("/v1/batches/" + id), batch, 200));
        matrix.put("DELETE /v1/functions/{name}", () -> {
            sameAnswer(
                    bob.delete("/v1/functions/rows?owner=alice"),
                    bob.delete("/v1/functions/nothing?owner=alice"),
                    "rows",
                    "nothing");
            assertThat(root.delete("/v1/functions/rows?owner=alice").statusCode())
                    .isEqualTo(204);
        });
        matrix.put(
                "DELETE /v1/artifacts/{artifact_id}",
                () -> changeable(
                        id -> bob.delete("/v1/artifacts/" + id),
                        id -> root.delete("/v1/artifacts/" + id),
                        artifact,
                        204));
        matrix.put("DELETE /v1/contexts/{name}", () -> {
            sameAnswer(bob.delete("/v1/contexts/alices"), bob.delete("/v1/contexts/nowhere"), "alices", "nowhere");
            assertThat(root.delete("/v1/contexts/alices").statusCode()).isEqualTo(204);
        });
        matrix.put(
                "DELETE /v1/engines/{engine_id}",
                () -> changeable(
                        id -> bob.delete("/v1/engines/" + id), id -> root.delete("/v1/engines/" + id), engine, 200));
        matrix.put(
                "DELETE /v1/tokens/{token_id}",
                () -> changeable(
                        id -> bob.delete("/v1/tokens/" + id), id -> root.delete("/v1/tokens/" + id), token, 204));
        return matrix;
    }

    /** Bob cannot read alice's record (like a missing one); root can. */
    private void readable(Function<String, String> path, String id) {
        hiddenLikeMissing(missing -> bob.get(path.apply(missing)), id);
        HttpResponse<String> admins = root.get(path.apply(id));
        assertThat(admins.statusCode()).as(admins.body()).isEqualTo(200);
    }

    /** Bob cannot stream alice's record's events (like a missing one); root can. */
    private void streamable(Function<String, String> path, String id) {
        hiddenLikeMissing(missing -> bob.get(path.apply(missing)), id);
        HttpResponse<Stream<String>> admins = root.getLines(path.apply(id));
        assertThat(admins.statusCode()).isEqualTo(200);
        assertThat(admins.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        admins.body().close();
    }

    /** The data lines of the first {@code count} events of a stream, within 10 s. */
    private static List<String> firstEvents(TestingHearth client, String path, int count) {
        HttpResponse<Stream<String>> response = client.getLines(path);
        assertThat(response.statusCode()).isEqualTo(200);
        try (Stream<String> lines = response.body()) {
            return CompletableFuture.supplyAsync(() -> lines.filter(line -> line.startsWith("data: "))
                            .map(line -> line.substring("data: ".length()))
                            .limit(count)
                            .toList())
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no " + count + " events on " + path + " within 10 s", e);
        }
    }

    /** Bob cannot change alice's record (like a missing one); root can. */
    private void changeable(
            Function<String, HttpResponse<String>> bobs,
            Function<String, HttpResponse<String>> roots,
            String id,
            int adminStatus) {
        hiddenLikeMissing(bobs, id);
        HttpResponse<String> admins = roots.apply(id);
        assertThat(admins.statusCode()).as(admins.body()).isEqualTo(adminStatus);
    }

    /** Alice's record answers bob exactly as a record that does not exist does: 404, same words. */
    private static void hiddenLikeMissing(Function<String, HttpResponse<String>> call, String id) {
        HttpResponse<String> hidden = call.apply(id);
        HttpResponse<String> missing = call.apply(MISSING);
        assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(404);
        sameAnswer(hidden, missing, id, MISSING);
    }

    /** Work naming alice's record in its body is refused exactly as work naming a missing one (400 or 404). */
    private static void refusedLikeMissing(Function<String, HttpResponse<String>> call, String id) {
        sameAnswer(call.apply(id), call.apply(MISSING), id, MISSING);
    }

    private static void sameAnswer(HttpResponse<String> hidden, HttpResponse<String> missing, String id, String other) {
        assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(missing.statusCode());
        assertThat(hidden.statusCode()).as("refused: " + hidden.body()).isBetween(400, 404);
        assertThat(hidden.statusCode())
                .as("never 401 or 403 for another's work")
                .isNotIn(401, 403);
        JsonNode hiddenProblem = json(hidden.body());
        JsonNode missingProblem = json(missing.body());
        assertThat(hiddenProblem.get("error_code")).isEqualTo(missingProblem.get("error_code"));
        assertThat(hiddenProblem.get("detail").asText().replace(id, other))
                .isEqualTo(missingProblem.get("detail").asText());
        assertThat(String.valueOf(hiddenProblem.get("errors")).replace(id, other))
                .isEqualTo(String.valueOf(missingProblem.get("errors")));
    }

    /** Bob's list never shows alice's record, even asking for hers; root's shows it, and filters by owner. */
    private void listed(String path, String field, String idField, String id) {
        List<String> bobs = ids(bob, path, field, idField);
        assertThat(bobs).doesNotContain(id);
        assertThat(ids(bob, path + "?owner=alice", field, idField)).isEmpty();
        assertThat(ids(root, path, field, idField)).contains(id);
        assertThat(ids(root, path + "?owner=alice", field, idField)).contains(id);
        assertThat(ids(root, path + "?owner=bob", field, idField)).doesNotContain(id);
        assertThat(ids(alice, path, field, idField)).contains(id);
    }

    private static List<String> ids(TestingHearth client, String path, String field, String idField) {
        HttpResponse<String> list = client.get(path);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return new ArrayList<>(json(list.body()).get(field).findValuesAsText(idField));
    }

    private static HttpResponse<String> put(TestingHearth client, String path) {
        return client.send(HttpRequest.newBuilder(client.uri(path))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"max_engines\": 1}"))
                .header("Content-Type", "application/json")
                .build());
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }
}
