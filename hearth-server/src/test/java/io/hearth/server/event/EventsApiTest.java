package io.hearth.server.event;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import io.hearth.server.batch.TestingBatchLauncher;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lifecycle events end to end over SSE, with the in-process testing engine: what each kind emits and
 * in which order, resume with Last-Event-ID, and that no user sees another's events.
 */
class EventsApiTest {
    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;
    private static TestingHearth alice;
    private static TestingHearth bob;
    private static TestingHearth root;

    @BeforeAll
    static void start() throws Exception {
        Path users = TestingUsers.users()
                .add("alice", "alice-password")
                .add("bob", "bob-password")
                .add("root", "root-password")
                .writeTo(dataDirectory.resolve("users"));
        Map<String, String> settings = new LinkedHashMap<>(TestingUsers.basicAuth(users, "root"));
        settings.put("result.chunk-max-rows", "2");
        settings.put("events.poll-interval", "20ms");
        // webhooks on, so a callback_url is accepted; no test's callback host is allowed, so nothing is POSTed
        settings.put("webhooks.enabled", "true");
        settings.put("webhooks.secret", "events-test-secret");
        settings.put("webhooks.allowed-hosts", "hooks.invalid");
        hearth = TestingHearth.start(dataDirectory.resolve("data"), settings, new TestingBatchLauncher());
        alice = hearth.as("alice", "alice-password");
        bob = hearth.as("bob", "bob-password");
        root = hearth.as("root", "root-password");
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void statementEmitsQueuedStartedProgressSucceededWithItsFirstChunkInline() {
        JsonNode done = submit(
                alice,
                "{\"statement\": \"progress then range(3)\", \"wait_timeout\": \"10s\", \"external_id\": \"order-17\","
                        + " \"callback_url\": \"https://example.com/hook\"}");
        assertThat(done.get("external_id").asText()).isEqualTo("order-17");
        assertThat(done.get("callback_url").asText()).isEqualTo("https://example.com/hook");
        String id = done.get("statement_id").asText();

        List<SseReader.Frame> frames = readToEnd(alice, "/v1/statements/" + id + "/events");

        assertThat(frames)
                .extracting(SseReader.Frame::type)
                .containsExactly("QUEUED", "STARTED", "PROGRESS", "SUCCEEDED");
        assertThat(frames).extracting(SseReader.Frame::id).isSorted().doesNotHaveDuplicates();
        for (SseReader.Frame frame : frames) {
            assertThat(frame.data().get("version").asInt()).isEqualTo(1);
            assertThat(frame.data().get("sequence").asLong()).isEqualTo(frame.id());
            assertThat(frame.data().get("kind").asText()).isEqualTo("STATEMENT");
            assertThat(frame.data().get("id").asText()).isEqualTo(id);
            assertThat(frame.data().get("owner").asText()).isEqualTo("alice");
            assertThat(frame.data().get("external_id").asText()).isEqualTo("order-17");
            assertThat(frame.data().get("time").asText()).endsWith("Z");
        }
        JsonNode progress = frames.get(2).data().get("data");
        assertThat(progress.get("stages_completed").asInt()).isEqualTo(1);
        assertThat(progress.get("stages_total").asInt()).isEqualTo(2);
        assertThat(progress.get("tasks_completed").asInt()).isEqualTo(5);
        assertThat(progress.get("tasks_total").asInt()).isEqualTo(10);
        assertThat(progress.get("message").asText()).isEqualTo("halfway");
        JsonNode succeeded = frames.get(3).data().get("data");
        assertThat(succeeded.at("/manifest/total_row_count").asLong()).isEqualTo(3);
        assertThat(succeeded.at("/result/chunk_index").asInt()).isZero();
        assertThat(succeeded.at("/result/row_count").asLong()).isEqualTo(3);
        assertThat(succeeded.at("/result/data_array").toString()).isEqualTo("[[0],[1],[2]]");
        assertThat(frames.get(1).data().at("/data/engine_id").asText()).startsWith("engine-");
    }

    @Test
    void failedAndCanceledStatementsSayWhy() {
        String failed = submit(alice, "{\"statement\": \"fail DIVIDE_BY_ZERO 22012\", \"wait_timeout\": \"10s\"}")
                .get("statement_id")
                .asText();
        List<SseReader.Frame> failedFrames = readToEnd(alice, "/v1/statements/" + failed + "/events");
        assertThat(failedFrames).extracting(SseReader.Frame::type).containsExactly("QUEUED", "STARTED", "FAILED");
        JsonNode error = failedFrames.get(2).data().at("/data/error");
        assertThat(error.get("error_code").asText()).isEqualTo("DIVIDE_BY_ZERO");
        assertThat(error.get("sql_state").asText()).isEqualTo("22012");
        assertThat(error.get("message").asText()).isNotBlank();

        String blocked = submit(alice, "{\"statement\": \"block\", \"wait_timeout\": \"0s\"}")
                .get("statement_id")
                .asText();
        try (SseReader stream = open(alice, "/v1/statements/" + blocked + "/events", "")) {
            assertThat(stream.next(1).get(0).type()).isEqualTo("QUEUED");
            assertThat(alice.post("/v1/statements/" + blocked + "/cancel", "").statusCode())
                    .isEqualTo(200);
            List<SseReader.Frame> rest = stream.untilEnd();
            assertThat(rest).extracting(SseReader.Frame::type).endsWith("CANCELED");
        }
    }

    @Test
    void resumesAfterADisconnectWithExactlyTheRest() {
        String id = submit(alice, "{\"statement\": \"progress then range(1)\", \"wait_timeout\": \"10s\"}")
                .get("statement_id")
                .asText();
        String path = "/v1/statements/" + id + "/events";
        List<SseReader.Frame> all = readToEnd(alice, path);
        assertThat(all).hasSize(4);

        List<SseReader.Frame> firstTwo;
        try (SseReader stream = open(alice, path, "")) {
            firstTwo = stream.next(2);
        }
        List<SseReader.Frame> rest;
        try (SseReader stream = open(alice, path, String.valueOf(firstTwo.get(1).id()))) {
            rest = stream.untilEnd();
        }
        assertThat(rest).isEqualTo(all.subList(2, 4));
        // a browser's first connect names the place in the query string
        HttpResponse<Stream<String>> byQuery =
                alice.getLines(path + "?last_event_id=" + all.get(2).id());
        try (SseReader stream = new SseReader(byQuery)) {
            assertThat(stream.untilEnd()).isEqualTo(all.subList(3, 4));
        }
        assertThat(alice.get(path, "Last-Event-ID", "yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void theCallersStreamCarriesTheirWorkAsItHappensAndNobodyElses() {
        try (SseReader bobs = open(bob, "/v1/events", "");
                SseReader alices = open(alice, "/v1/events", "");
                SseReader roots = open(root, "/v1/events?owner=alice", "")) {
            String alicesStatement = submit(alice, "{\"statement\": \"range(1)\", \"wait_timeout\": \"10s\"}")
                    .get("statement_id")
                    .asText();
            String bobsStatement = submit(bob, "{\"statement\": \"range(1)\", \"wait_timeout\": \"10s\"}")
                    .get("statement_id")
                    .asText();

            // her engine's events are hers too (it may start now): only statements count here
            List<SseReader.Frame> seenByAlice = statementsOnly(alices, 3);
            assertThat(seenByAlice)
                    .extracting(frame -> frame.data().get("id").asText())
                    .containsOnly(alicesStatement);
            assertThat(seenByAlice).extracting(SseReader.Frame::type).containsExactly("QUEUED", "STARTED", "SUCCEEDED");
            List<SseReader.Frame> seenByBob = statementsOnly(bobs, 3);
            assertThat(seenByBob)
                    .extracting(frame -> frame.data().get("owner").asText())
                    .containsOnly("bob");
            assertThat(seenByBob)
                    .extracting(frame -> frame.data().get("id").asText())
                    .containsOnly(bobsStatement);
            assertThat(roots.next(3))
                    .extracting(frame -> frame.data().get("id").asText())
                    .containsOnly(alicesStatement);
        }
        String alicesStatement = submit(alice, "{\"statement\": \"range(1)\", \"wait_timeout\": \"10s\"}")
                .get("statement_id")
                .asText();
        HttpResponse<String> hers = bob.get("/v1/statements/" + alicesStatement + "/events");
        HttpResponse<String> missing = bob.get("/v1/statements/no-such-statement/events");
        assertThat(hers.statusCode()).isEqualTo(404);
        assertThat(hers.body().replace(alicesStatement, "X"))
                .isEqualTo(missing.body().replace("no-such-statement", "X"));
        assertThat(readToEnd(root, "/v1/statements/" + alicesStatement + "/events"))
                .as("admins see everyone's")
                .hasSize(3);
    }

    @Test
    void refusesABadCallbackUrlOrExternalIdNamingTheField() {
        for (String url : List.of("ftp://example.com/x", "/relative/hook", "https:///no-host", "not a url")) {
            HttpResponse<String> refused =
                    alice.post("/v1/statements", "{\"statement\": \"range(1)\", \"callback_url\": \"" + url + "\"}");
            assertThat(refused.statusCode()).as(url).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(refused.body()).get("field").asText()).isEqualTo("callback_url");
        }
        HttpResponse<String> tooLong = alice.post(
                "/v1/statements", "{\"statement\": \"range(1)\", \"external_id\": \"" + "x".repeat(257) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong.body()).get("field").asText()).isEqualTo("external_id");
    }

    @Test
    void jobsSessionsBatchesAndEnginesEmitTheirEvents() throws Exception {
        Path jar = TestJars.compile(dataDirectory.resolve("sources"), Map.of("apps.Hello", """
                package apps;
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println("hello");
                    }
                }
                """));
        String artifact = alice.uploadArtifact(jar);
        assertThat(alice.post(
                                "/v1/functions",
                                "{\"name\": \"echo\", \"artifact_id\": \"" + artifact
                                        + "\", \"class_name\": \"testing.Echo\"}")
                        .statusCode())
                .isEqualTo(201);
        JsonNode job = json(alice.post(
                        "/v1/functions/echo/jobs",
                        "{\"parameters\": {\"n\": 2, \"word\": \"hi\"}, \"wait_timeout\": \"10s\","
                                + " \"external_id\": \"job-1\"}")
                .body());
        assertThat(job.get("external_id").asText()).isEqualTo("job-1");
        List<SseReader.Frame> jobFrames =
                readToEnd(alice, "/v1/jobs/" + job.get("job_id").asText() + "/events");
        assertThat(jobFrames)
                .extracting(SseReader.Frame::type)
                .containsExactly("QUEUED", "STARTED", "PROGRESS", "SUCCEEDED");
        assertThat(jobFrames.get(3).data().get("kind").asText()).isEqualTo("JOB");
        assertThat(jobFrames.get(3).data().at("/data/result_value/word").asText())
                .isEqualTo("hi");
        assertThat(jobFrames.get(3).data().get("external_id").asText()).isEqualTo("job-1");

        String session =
                json(alice.post("/v1/sessions", "{}").body()).get("session_id").asText();
        assertThat(alice.delete("/v1/sessions/" + session).statusCode()).isEqualTo(200);
        List<SseReader.Frame> sessionFrames = readToEnd(alice, "/v1/sessions/" + session + "/events");
        assertThat(sessionFrames).extracting(SseReader.Frame::type).containsExactly("STARTED", "STOPPED");
        assertThat(sessionFrames.get(1).data().at("/data/reason").asText()).isEqualTo("REQUESTED");

        HttpResponse<String> accepted = alice.post(
                "/v1/batches",
                "{\"artifact_id\": \"" + artifact
                        + "\", \"class_name\": \"apps.Hello\", \"external_id\": \"nightly\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(json(accepted.body()).get("external_id").asText()).isEqualTo("nightly");
        String batch = json(accepted.body()).get("batch_id").asText();
        List<SseReader.Frame> batchFrames = readToEnd(alice, "/v1/batches/" + batch + "/events");
        assertThat(batchFrames).extracting(SseReader.Frame::type).containsExactly("QUEUED", "STARTED", "SUCCEEDED");
        assertThat(batchFrames)
                .extracting(frame -> frame.data().get("external_id").asText())
                .containsOnly("nightly");

        // alice's USER engine: its STARTED event is hers, on her stream of everything
        try (SseReader everything = open(alice, "/v1/events", "0")) {
            List<SseReader.Frame> frames = everything.next(jobFrames.size() + 1);
            assertThat(frames).anySatisfy(frame -> {
                assertThat(frame.type()).isEqualTo("STARTED");
                assertThat(frame.data().get("kind").asText()).isEqualTo("ENGINE");
                assertThat(frame.data().get("owner").asText()).isEqualTo("alice");
            });
        }
    }

    @Test
    void aLargeFirstChunkStaysOutOfTheEventAndLogLinesBecomeEventsWhenAskedFor(@TempDir Path other) throws Exception {
        try (TestingHearth small =
                TestingHearth.start(other, Map.of("events.inline-max-bytes", "16", "events.log.enabled", "true"))) {
            JsonNode done =
                    json(small.post("/v1/statements", "{\"statement\": \"range(10)\", \"wait_timeout\": \"10s\"}")
                            .body());
            List<SseReader.Frame> frames = readToEnd(
                    small, "/v1/statements/" + done.get("statement_id").asText() + "/events");
            JsonNode succeeded = frames.get(frames.size() - 1).data().get("data");
            assertThat(succeeded.at("/manifest/total_row_count").asLong()).isEqualTo(10);
            assertThat(succeeded.has("result"))
                    .as("[[0],[1],...] takes more than 16 bytes")
                    .isFalse();

            String artifact = small.uploadArtifact(TestJars.compile(
                    other.resolve("sources"), Map.of("apps.Nothing", "package apps; public class Nothing {}")));
            assertThat(small.post(
                                    "/v1/functions",
                                    "{\"name\": \"echo\", \"artifact_id\": \"" + artifact
                                            + "\", \"class_name\": \"testing.Echo\"}")
                            .statusCode())
                    .isEqualTo(201);
            JsonNode job = json(small.post(
                            "/v1/functions/echo/jobs",
                            "{\"parameters\": {\"n\": 1, \"word\": \"hello\"}, \"wait_timeout\": \"10s\"}")
                    .body());
            List<SseReader.Frame> jobFrames =
                    readToEnd(small, "/v1/jobs/" + job.get("job_id").asText() + "/events");
            assertThat(jobFrames).anySatisfy(frame -> {
                assertThat(frame.type()).isEqualTo("LOG");
                assertThat(frame.data().at("/data/message").asText()).contains("echo hello");
                assertThat(frame.data().at("/data/level").asText()).isNotBlank();
            });
            assertThat(jobFrames.get(jobFrames.size() - 1).type()).isEqualTo("SUCCEEDED");
        }
    }

    private static List<SseReader.Frame> statementsOnly(SseReader stream, int count) {
        List<SseReader.Frame> frames = new java.util.ArrayList<>();
        while (frames.size() < count) {
            SseReader.Frame frame = stream.next(1).get(0);
            if (!frame.data().get("kind").asText().equals("ENGINE")) {
                frames.add(frame);
            }
        }
        return frames;
    }

    private static JsonNode submit(TestingHearth user, String body) {
        HttpResponse<String> response = user.post("/v1/statements", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static List<SseReader.Frame> readToEnd(TestingHearth user, String path) {
        try (SseReader stream = open(user, path, "")) {
            return stream.untilEnd();
        }
    }

    private static SseReader open(TestingHearth user, String path, String lastEventId) {
        HttpResponse<Stream<String>> response =
                lastEventId.isEmpty() ? user.getLines(path) : user.getLines(path, "Last-Event-ID", lastEventId);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        return new SseReader(response);
    }
}
