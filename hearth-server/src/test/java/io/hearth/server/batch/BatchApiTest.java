package io.hearth.server.batch;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batches REST API end to end with real processes: small mains compiled into a jar on the
 * fly, uploaded as an artifact, run by {@link TestingBatchLauncher} (plain java, no Spark).
 */
class BatchApiTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDirectory;

    @TempDir
    static Path sources;

    private static final TestingBatchLauncher launcher = new TestingBatchLauncher();
    private static TestingHearth hearth;
    private static String artifactId;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(
                dataDirectory, Map.of("batch.max-running", "1", "batch.kill-grace-period", "2s"), launcher);
        Path jar = TestJars.compile(sources, Map.of("apps.Hello", """
                        package apps;
                        public class Hello {
                            public static void main(String[] args) {
                                System.out.println("hello " + String.join(" ", args));
                            }
                        }
                        """, "apps.Boom", """
                        package apps;
                        public class Boom {
                            public static void main(String[] args) {
                                System.out.println("about to fail");
                                throw new IllegalStateException("the test batch failed on purpose",
                                        new java.io.IOException("disk on fire"));
                            }
                        }
                        """, "apps.Sleeper", """
                        package apps;
                        public class Sleeper {
                            public static void main(String[] args) throws Exception {
                                System.out.println("sleeping");
                                Thread.sleep(600_000);
                            }
                        }
                        """));
        HttpResponse<String> upload =
                hearth.postBytes("/v1/artifacts?name=apps.jar", "application/java-archive", Files.readAllBytes(jar));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        artifactId = json(upload.body()).get("artifact_id").asText();
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    private static JsonNode submit(String className, String argsJson) {
        HttpResponse<String> response = hearth.post(
                "/v1/batches",
                "{\"artifact_id\": \"" + artifactId + "\", \"class_name\": \"" + className + "\", \"args\": " + argsJson
                        + ", \"conf\": {\"spark.executor.memory\": \"1g\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    private static JsonNode await(String batchId, Predicate<JsonNode> done) {
        Instant end = Instant.now().plus(DEADLINE);
        while (true) {
            JsonNode batch = json(hearth.get("/v1/batches/" + batchId).body());
            if (done.test(batch)) {
                return batch;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("batch " + batchId + " did not get there in " + DEADLINE + ": " + batch);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static JsonNode awaitState(String batchId, String state) {
        return await(batchId, batch -> batch.get("state").asText().equals(state));
    }

    private static String log(String batchId) {
        return hearth.get("/v1/batches/" + batchId + "/log").body();
    }

    @Test
    void aBatchThatExitsZeroSucceedsAndKeepsItsOutput() {
        JsonNode accepted = submit("apps.Hello", "[\"big\", \"data\"]");
        assertThat(accepted.get("state").asText()).isIn("PENDING", "RUNNING");
        assertThat(accepted.get("class_name").asText()).isEqualTo("apps.Hello");
        assertThat(accepted.get("conf").get("spark.executor.memory").asText()).isEqualTo("1g");
        String id = accepted.get("batch_id").asText();

        JsonNode done = awaitState(id, "SUCCEEDED");

        assertThat(done.get("exit_code").asInt()).isZero();
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("pid").asLong()).isPositive();
        assertThat(done.get("started_at").asText()).isNotBlank();
        assertThat(done.get("finished_at").asText()).isNotBlank();
        assertThat(log(id)).contains("hello big data");
        assertThat(json(hearth.get("/v1/batches").body()).get("batches").findValuesAsText("batch_id"))
                .contains(id);
        assertThat(dataDirectory.resolve("batches").resolve(id + ".jar"))
                .as("its link to the jar goes when it ends")
                .doesNotExist();
    }

    @Test
    void aBatchThatThrowsFailsWithTheApplicationsException() {
        String id = submit("apps.Boom", "[]").get("batch_id").asText();

        JsonNode failed = awaitState(id, "FAILED");

        assertThat(failed.get("exit_code").asInt()).isEqualTo(1);
        assertThat(failed.at("/error/error_code").asText()).isEqualTo("APPLICATION_FAILED");
        assertThat(failed.at("/error/message").asText())
                .isEqualTo("the application exited with status 1: java.lang.IllegalStateException: the test batch"
                        + " failed on purpose (caused by java.io.IOException: disk on fire)");
        assertThat(log(id)).contains("about to fail").contains("at apps.Boom.main");
    }

    @Test
    void deleteKillsARunningBatchAndItsProcess() {
        String id = submit("apps.Sleeper", "[]").get("batch_id").asText();
        JsonNode running = awaitState(id, "RUNNING");
        await(id, batch -> log(id).contains("sleeping"));

        HttpResponse<String> killed = hearth.delete("/v1/batches/" + id);

        assertThat(killed.statusCode()).as(killed.body()).isEqualTo(200);
        assertThat(json(killed.body()).get("state").asText()).isEqualTo("KILLED");
        assertThat(ProcessHandle.of(running.get("pid").asLong()).filter(ProcessHandle::isAlive))
                .isEmpty();
        assertThat(json(hearth.delete("/v1/batches/" + id).body()).get("state").asText())
                .as("killing a finished batch changes nothing")
                .isEqualTo("KILLED");
    }

    @Test
    void batchesPastTheRunningLimitWaitTheirTurnInOrder() {
        String first = submit("apps.Sleeper", "[]").get("batch_id").asText();
        awaitState(first, "RUNNING");
        String second = submit("apps.Hello", "[\"second\"]").get("batch_id").asText();
        String third = submit("apps.Hello", "[\"third\"]").get("batch_id").asText();

        assertThat(json(hearth.get("/v1/batches/" + second).body()).get("state").asText())
                .isEqualTo("PENDING");
        JsonNode killedWhilePending = json(hearth.delete("/v1/batches/" + third).body());
        assertThat(killedWhilePending.get("state").asText()).isEqualTo("KILLED");
        assertThat(killedWhilePending.get("pid").isNull()).isTrue();

        hearth.delete("/v1/batches/" + first);

        assertThat(awaitState(second, "SUCCEEDED").get("exit_code").asInt()).isZero();
        assertThat(json(hearth.get("/v1/batches/" + third).body()).get("state").asText())
                .isEqualTo("KILLED");
        assertThat(log(third)).isEmpty();
    }

    @Test
    void aBatchThatCannotBeLaunchedFailsWithTheReason() {
        launcher.failNextLaunch("no java here");

        JsonNode failed = awaitState(submit("apps.Hello", "[]").get("batch_id").asText(), "FAILED");

        assertThat(failed.at("/error/error_code").asText()).isEqualTo("LAUNCH_FAILED");
        assertThat(failed.at("/error/message").asText()).contains("no java here");
        assertThat(failed.get("exit_code").isNull()).isTrue();
    }

    @Test
    void invalidRequestsAnswer400NamingTheField() {
        assertInvalid("{\"class_name\": \"apps.Hello\"}", "artifact_id");
        assertInvalid("{\"artifact_id\": \"no-such-artifact\", \"class_name\": \"apps.Hello\"}", "artifact_id");
        assertInvalid("{\"artifact_id\": \"" + artifactId + "\"}", "class_name");
        assertInvalid("{\"artifact_id\": \"" + artifactId + "\", \"class_name\": \"apps.1Hello\"}", "class_name");
        assertInvalid(
                "{\"artifact_id\": \"" + artifactId + "\", \"class_name\": \"apps.Hello\", \"args\": [null]}",
                "args[0]");
        assertInvalid(
                "{\"artifact_id\": \"" + artifactId
                        + "\", \"class_name\": \"apps.Hello\", \"conf\": {\"executor.memory\": \"1g\"}}",
                "conf.executor.memory");
        assertThat(hearth.get("/v1/batches/nope").statusCode()).isEqualTo(404);
        assertThat(hearth.get("/v1/batches/nope/log").statusCode()).isEqualTo(404);
        assertThat(hearth.delete("/v1/batches/nope").statusCode()).isEqualTo(404);
    }

    private static void assertInvalid(String body, String field) {
        HttpResponse<String> response = hearth.post("/v1/batches", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response.body()).get("field").asText()).isEqualTo(field);
    }
}
