package io.hearth.server.job;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Functions and jobs over real HTTP, on an in-process testing engine that knows a few fake job classes. */
class JobApiTest {
    private static final String USER = "hearth";

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;
    private static String jar;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(dataDirectory, Map.of("result.chunk-max-rows", "1000", "auth.default-user", USER));
        // the testing engine knows its fake job classes by name; the jar only has to be a jar
        jar = hearth.uploadArtifact(
                Files.write(dataDirectory.resolve("jobs.jar"), TestJars.jar(Map.of("README.txt", "fake jobs"))));
        register("echo", "testing.Echo");
        register("rows", "testing.Rows");
        register("block", "testing.Block");
        register("fail", "testing.Fail");
        register("persist", "testing.Persist");
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void registersAFunctionWithTheSchemaItsEngineDerived() {
        HttpResponse<String> created = hearth.post(
                "/v1/functions",
                "{\"name\": \"echo-2\", \"artifact_id\": \"" + jar + "\", \"class_name\": \"testing.Echo\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode function = json(hearth.get("/v1/functions/echo-2").body());
        assertThat(function.get("name").asText()).isEqualTo("echo-2");
        assertThat(function.get("artifact_id").asText()).isEqualTo(jar);
        assertThat(function.get("class_name").asText()).isEqualTo("testing.Echo");
        assertThat(function.get("context").asText()).isEqualTo("default");
        assertThat(function.at("/parameters_schema/properties/n/type").asText()).isEqualTo("integer");
        assertThat(function.at("/parameters_schema/additionalProperties").asBoolean(true))
                .isFalse();
        assertThat(function.get("result_type").asText()).isEqualTo("testing.Echo$Parameters");
        assertThat(json(hearth.get("/v1/functions").body()).get("functions").findValuesAsText("name"))
                .contains("echo", "echo-2", "rows");

        HttpResponse<String> again = hearth.post(
                "/v1/functions",
                "{\"name\": \"echo-2\", \"artifact_id\": \"" + jar + "\", \"class_name\": \"testing.Rows\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(hearth.delete("/v1/functions/echo-2").statusCode()).isEqualTo(204);
        assertThat(hearth.get("/v1/functions/echo-2").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAClassTheEngineCannotUseWithItsReason() {
        HttpResponse<String> missing = hearth.post(
                "/v1/functions",
                "{\"name\": \"nope\", \"artifact_id\": \"" + jar + "\", \"class_name\": \"com.example.Nope\"}");
        assertThat(missing.statusCode()).isEqualTo(422);
        JsonNode problem = json(missing.body());
        assertThat(problem.get("error_code").asText()).isEqualTo("INVALID_FUNCTION");
        assertThat(problem.get("field").asText()).isEqualTo("class_name");
        assertThat(problem.get("detail").asText()).contains("com.example.Nope was not found in the artifact");
        assertThat(hearth.get("/v1/functions/nope").statusCode()).isEqualTo(404);

        assertThat(hearth.post(
                                "/v1/functions",
                                "{\"name\": \"x\", \"artifact_id\": \"no-such\", \"class_name\": \"testing.Echo\"}")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> badName = hearth.post(
                "/v1/functions",
                "{\"name\": \"Bad Name\", \"artifact_id\": \"" + jar + "\", \"class_name\": \"testing.Echo\"}");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(json(badName.body()).get("field").asText()).isEqualTo("name");
    }

    @Test
    void rejectsInvalidParametersListingEachBadFieldBeforeAnythingIsQueued() {
        int executedBefore = executedOnEngines();
        register("echo-strict", "testing.Echo");
        HttpResponse<String> answer =
                hearth.post("/v1/functions/echo-strict/jobs", "{\"parameters\": {\"n\": \"three\", \"extra\": 1}}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(answer.body());
        assertThat(problem.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(problem.get("field").asText()).isEqualTo("parameters");
        List<String> fields = problem.get("errors").findValuesAsText("field");
        assertThat(fields).containsExactlyInAnyOrder("/n", "/word", "/extra");
        assertThat(problem.get("errors").findValuesAsText("message"))
                .allSatisfy(message -> assertThat(message).isNotBlank());
        assertThat(executedOnEngines()).isEqualTo(executedBefore);
        assertThat(json(hearth.get("/v1/jobs?limit=1000").body()).get("jobs").findValuesAsText("function"))
                .doesNotContain("echo-strict");
    }

    @Test
    void runsAValueJobSynchronouslyWithItsLogAndProgress() {
        JsonNode job = submit("echo", "{\"parameters\": {\"n\": 3, \"word\": \"hi\"}, \"wait_timeout\": \"10s\"}");

        assertThat(job.at("/status/state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("function").asText()).isEqualTo("echo");
        assertThat(job.get("parameters")).isEqualTo(json("{\"n\": 3, \"word\": \"hi\"}"));
        assertThat(job.get("value")).isEqualTo(json("{\"n\": 3, \"word\": \"hi\"}"));
        assertThat(job.has("manifest")).isFalse();
        String id = job.get("job_id").asText();
        assertThat(json(hearth.get("/v1/jobs/" + id + "/result").body()))
                .isEqualTo(json("{\"value\": {\"n\": 3, \"word\": \"hi\"}}"));
        assertThat(hearth.get("/v1/jobs/" + id + "/result/chunks/0").statusCode())
                .isEqualTo(404);
        HttpResponse<String> log = hearth.get("/v1/jobs/" + id + "/log");
        assertThat(log.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(log.body()).contains("INFO echo hi");
        assertThat(json(hearth.get("/v1/jobs/" + id).body())).isEqualTo(job);
    }

    @Test
    void servesADatasetResultInChunksInEveryFormat() throws Exception {
        JsonNode job = submit("rows", "{\"parameters\": {\"rows\": 2500}, \"wait_timeout\": \"10s\"}");
        String id = job.get("job_id").asText();

        assertThat(job.at("/status/state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.has("value")).isFalse();
        assertThat(job.at("/manifest/total_row_count").asLong()).isEqualTo(2500);
        assertThat(job.at("/manifest/total_chunk_count").asInt()).isEqualTo(3);
        assertThat(job.at("/result/data_array")).hasSize(1000);
        assertThat(job.at("/result/next_chunk_internal_link").asText())
                .isEqualTo("/v1/jobs/" + id + "/result/chunks/1");
        JsonNode result = json(hearth.get("/v1/jobs/" + id + "/result").body());
        assertThat(result.get("manifest")).isEqualTo(job.get("manifest"));
        assertThat(result.get("result")).isEqualTo(job.get("result"));

        JsonNode second = json(hearth.get("/v1/jobs/" + id + "/result/chunks/1").body());
        assertThat(second.at("/row_offset").asLong()).isEqualTo(1000);
        assertThat(second.at("/data_array/0/0").asLong()).isEqualTo(1000);

        HttpResponse<String> csv = hearth.get("/v1/jobs/" + id + "/result/chunks/2?format=CSV");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).hasSize(501).startsWith("id", "2000");

        HttpResponse<byte[]> arrow =
                hearth.getBytes("/v1/jobs/" + id + "/result/chunks/0", "Accept", "application/vnd.apache.arrow.stream");
        long rows = 0;
        try (RootAllocator allocator = new RootAllocator();
                ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(arrow.body()), allocator)) {
            while (reader.loadNextBatch()) {
                BigIntVector ids = (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
                assertThat(ids.get(0)).isEqualTo(rows);
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        assertThat(rows).isEqualTo(1000);
    }

    @Test
    void runsAsynchronouslyAndCancels() {
        JsonNode job = submit("block", "{\"wait_timeout\": \"0s\"}");
        String id = job.get("job_id").asText();
        assertThat(job.at("/status/state").asText()).isIn("PENDING", "RUNNING");
        awaitJob(id, polled -> hearth.get("/v1/jobs/" + id + "/log").body().contains("blocking"));
        JsonNode running = awaitJob(
                id,
                polled -> !polled.at("/status/progress").isNull()
                        && !polled.at("/status/progress").isMissingNode());
        assertThat(running.at("/status/state").asText()).isEqualTo("RUNNING");
        assertThat(running.at("/status/progress/message").asText()).isEqualTo("waiting to be canceled");

        JsonNode canceled = json(hearth.post("/v1/jobs/" + id + "/cancel", "").body());
        assertThat(canceled.get("job_id").asText()).isEqualTo(id);
        JsonNode ended =
                awaitJob(id, polled -> polled.at("/status/state").asText().equals("CANCELED"));
        assertThat(ended.has("value")).isFalse();
        assertThat(hearth.get("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(409);
    }

    @Test
    void reportsAFailedJobWithItsError() {
        JsonNode job = submit("fail", "{}");
        assertThat(job.at("/status/state").asText()).isEqualTo("FAILED");
        assertThat(job.at("/status/error/error_code").asText()).isEqualTo("JOB_FAILED");
        assertThat(job.at("/status/error/message").asText()).isEqualTo("the testing job was told to fail");
    }

    @Test
    void returnsTheSameJobForTheSameIdempotencyKey() {
        JsonNode first =
                submit("echo", "{\"parameters\": {\"n\": 1, \"word\": \"a\"}, \"idempotency_key\": \"job-key-1\"}");
        JsonNode second =
                submit("echo", "{\"parameters\": {\"n\": 2, \"word\": \"b\"}, \"idempotency_key\": \"job-key-1\"}");
        assertThat(second.get("job_id")).isEqualTo(first.get("job_id"));
        assertThat(second.get("value")).isEqualTo(json("{\"n\": 1, \"word\": \"a\"}"));

        HttpResponse<String> statement = hearth.post(
                "/v1/statements", "{\"statement\": \"select * from range(1)\", \"idempotency_key\": \"job-key-1\"}");
        assertThat(statement.statusCode()).isEqualTo(409);
    }

    @Test
    void keepsJobsAndStatementsApart() {
        String jobId = submit("echo", "{\"parameters\": {\"n\": 5, \"word\": \"apart\"}}")
                .get("job_id")
                .asText();
        String statementId = hearth.submit("{\"statement\": \"select * from range(2)\"}")
                .get("statement_id")
                .asText();

        String jobs = hearth.get("/v1/jobs?limit=1000").body();
        String statements = hearth.get("/v1/statements?limit=1000").body();
        assertThat(jobs).contains(jobId).doesNotContain(statementId);
        assertThat(statements).contains(statementId).doesNotContain(jobId);
        assertThat(hearth.get("/v1/statements/" + jobId).statusCode()).isEqualTo(404);
        assertThat(hearth.get("/v1/jobs/" + statementId).statusCode()).isEqualTo(404);
        JsonNode listed = json(jobs).get("jobs").get(0);
        assertThat(listed.has("function")).isTrue();
    }

    @Test
    void listsTheNamedObjectsJobsKeptOnAnEngine() {
        JsonNode job = submit("persist", "{\"parameters\": {\"name\": \"numbers\"}}");
        assertThat(job.get("value").asText()).isEqualTo("numbers");
        String engineId = json(hearth.get("/v1/engines").body())
                .at("/engines/0/engine_id")
                .asText();

        JsonNode objects =
                json(hearth.get("/v1/engines/" + engineId + "/objects").body());
        assertThat(objects.get("engine_id").asText()).isEqualTo(engineId);
        assertThat(objects.get("objects").findValuesAsText("name")).contains("numbers");
        assertThat(objects.at("/objects/0/kind").asText()).isEqualTo("DATASET");
        assertThat(hearth.get("/v1/engines/no-such/objects").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesToDeleteAnArtifactAFunctionUses() throws Exception {
        String other = hearth.uploadArtifact(
                Files.write(dataDirectory.resolve("other.jar"), TestJars.jar(Map.of("other.txt", "another jar"))));
        HttpResponse<String> created = hearth.post(
                "/v1/functions",
                "{\"name\": \"uses-other\", \"artifact_id\": \"" + other + "\", \"class_name\": \"testing.Echo\"}");
        assertThat(created.statusCode()).isEqualTo(201);

        HttpResponse<String> refused = hearth.delete("/v1/artifacts/" + other);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused.body()).get("error_code").asText()).isEqualTo("CONFLICT");
        assertThat(json(refused.body()).get("detail").asText()).contains("uses-other");
        assertThat(hearth.delete("/v1/functions/uses-other").statusCode()).isEqualTo(204);
        assertThat(hearth.delete("/v1/artifacts/" + other).statusCode()).isIn(200, 204);
    }

    private static void register(String name, String className) {
        HttpResponse<String> created = hearth.post(
                "/v1/functions",
                "{\"name\": \"" + name + "\", \"artifact_id\": \"" + jar + "\", \"class_name\": \"" + className
                        + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static JsonNode submit(String function, String body) {
        HttpResponse<String> response = hearth.post("/v1/functions/" + function + "/jobs", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static JsonNode awaitJob(String id, Predicate<JsonNode> done) {
        Instant end = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            JsonNode job = json(hearth.get("/v1/jobs/" + id).body());
            if (done.test(job)) {
                return job;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("job " + id + " did not get there: " + job);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int executedOnEngines() {
        List<Integer> counts = new ArrayList<>();
        hearth.engines().engines().forEach(engine -> counts.add(engine.executedStatements()));
        return counts.stream().mapToInt(Integer::intValue).sum();
    }
}
