package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example jobs (the {@code hearth-examples} jar) registered as functions and run on one real
 * engine JVM, uploaded through {@code POST /v1/artifacts}.
 */
class JobIT {
    private static final String USER = "job-it";
    private static final Path EXAMPLES_JAR =
            Path.of(System.getProperty("hearth.examples.jar", "../examples/target/hearth-examples-0.1.0-SNAPSHOT.jar"));

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;
    private static String examples;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.startWithRealEngines(
                dataDirectory,
                RealEngineIT.DISTRIBUTION,
                Map.of("result.chunk-max-rows", "2", "engine.prestart", "true", "auth.default-user", USER));
        examples = hearth.uploadArtifact(EXAMPLES_JAR);
        register("word-count", "io.hearth.examples.WordCountJob");
        register("aggregate", "io.hearth.examples.AggregateJob");
        register("pi", "io.hearth.examples.PiJob");
        register("persist-range", "io.hearth.examples.PersistRangeJob");
        register("count-object", "io.hearth.examples.CountObjectJob");
    }

    @AfterAll
    static void stop() {
        if (hearth != null) {
            hearth.close();
        }
    }

    @Test
    void registersFunctionsWithTheSchemasOfTheirParameterRecords() {
        JsonNode wordCount = json(hearth.get("/v1/functions/word-count").body());
        assertThat(wordCount.at("/parameters_schema/properties/min_count/type").asText())
                .isEqualTo("integer");
        assertThat(wordCount.at("/parameters_schema/properties/lines/type/0").asText())
                .isEqualTo("array");
        assertThat(wordCount.at("/parameters_schema/required"))
                .extracting(JsonNode::asText)
                .containsExactly("min_count");
        assertThat(wordCount.get("result_type").asText())
                .isEqualTo("org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>");
        JsonNode aggregate = json(hearth.get("/v1/functions/aggregate").body());
        assertThat(aggregate.at("/parameters_schema/properties/function/enum"))
                .extracting(JsonNode::asText)
                .containsExactly("SUM", "AVG", "MAX");

        HttpResponse<String> notAJob = hearth.post(
                "/v1/functions",
                "{\"name\": \"estimate\", \"artifact_id\": \"" + examples
                        + "\", \"class_name\": \"io.hearth.examples.PiJob$Estimate\"}");
        assertThat(notAJob.statusCode()).isEqualTo(422);
        assertThat(json(notAJob.body()).get("detail").asText())
                .contains("does not implement io.hearth.api.spi.HearthJob");
    }

    @Test
    void runsAJobThatReturnsAValueAndLogs() {
        JsonNode job = run("pi", "{\"samples\": 200000, \"samples_per_round\": 100000}");

        assertThat(job.at("/status/state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.at("/value/samples").asLong()).isEqualTo(200000);
        assertThat(job.at("/value/pi").asDouble()).isBetween(3.0, 3.3);
        String log =
                hearth.get("/v1/jobs/" + job.get("job_id").asText() + "/log").body();
        assertThat(log).contains("INFO estimating pi from 200000 samples").contains("INFO pi is about");
    }

    @Test
    void runsJobsThatReturnDatasetsServedInChunks() throws Exception {
        JsonNode words = run("word-count", "{\"text\": \"The cat and the hat and the bat\", \"min_count\": 2}");
        assertThat(words.at("/status/state").asText()).as(words.toString()).isEqualTo("SUCCEEDED");
        assertThat(words.at("/manifest/schema/columns").findValuesAsText("name"))
                .containsExactly("word", "count");
        assertThat(words.at("/manifest/total_row_count").asLong()).isEqualTo(2);
        assertThat(words.at("/result/data_array").toString()).isEqualTo("[[\"the\",3],[\"and\",2]]");

        JsonNode sums = run("aggregate", "{\"rows\": 1000, \"buckets\": 4, \"function\": \"SUM\"}");
        String id = sums.get("job_id").asText();
        assertThat(sums.at("/manifest/total_row_count").asLong()).isEqualTo(4);
        assertThat(sums.at("/result/data_array/0").toString()).isEqualTo("[0,124500]");
        // chunks are cut between Spark's batches, so how many there are is Spark's choice
        StringBuilder csv = new StringBuilder();
        long arrowRows = 0;
        for (int chunk = 0; chunk < sums.at("/manifest/total_chunk_count").asInt(); chunk++) {
            String text = hearth.get("/v1/jobs/" + id + "/result/chunks/" + chunk + "?format=CSV")
                    .body();
            assertThat(text).startsWith("bucket,value\r\n");
            csv.append(text.substring("bucket,value\r\n".length()));
            HttpResponse<byte[]> arrow =
                    hearth.getBytes("/v1/jobs/" + id + "/result/chunks/" + chunk + "?format=ARROW_STREAM");
            try (RootAllocator allocator = new RootAllocator();
                    ArrowStreamReader reader =
                            new ArrowStreamReader(new ByteArrayInputStream(arrow.body()), allocator)) {
                while (reader.loadNextBatch()) {
                    BigIntVector buckets =
                            (BigIntVector) reader.getVectorSchemaRoot().getVector("bucket");
                    for (int row = 0; row < buckets.getValueCount(); row++) {
                        assertThat(buckets.get(row)).isEqualTo(arrowRows++);
                    }
                }
            }
        }
        assertThat(csv.toString()).isEqualTo("0,124500\r\n1,124750\r\n2,125000\r\n3,125250\r\n");
        assertThat(arrowRows).isEqualTo(4);
    }

    @Test
    void rejectsInvalidParametersBeforeQueueing() {
        int jobsBefore =
                json(hearth.get("/v1/jobs?limit=1000").body()).get("jobs").size();
        HttpResponse<String> answer = hearth.post(
                "/v1/functions/aggregate/jobs",
                "{\"parameters\": {\"rows\": \"many\", \"function\": \"MEDIAN\", \"extra\": true}}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode problem = json(answer.body());
        assertThat(problem.get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("/rows", "/function", "/buckets", "/extra");
        assertThat(json(hearth.get("/v1/jobs?limit=1000").body()).get("jobs")).hasSize(jobsBefore);
    }

    @Test
    void cancelsALongJob() {
        JsonNode job = submit(
                "pi",
                "{\"parameters\": {\"samples\": 1000000000000, \"samples_per_round\": 20000000}, "
                        + "\"wait_timeout\": \"0s\"}");
        String id = job.get("job_id").asText();
        await(id, running -> hearth.get("/v1/jobs/" + id + "/log").body().contains("estimating pi"));

        hearth.post("/v1/jobs/" + id + "/cancel", "");
        JsonNode canceled =
                await(id, ended -> ended.at("/status/state").asText().equals("CANCELED"));
        assertThat(canceled.has("value")).isFalse();
    }

    @Test
    void keepsNamedObjectsBetweenJobsOnTheEngine() {
        JsonNode persisted = run("persist-range", "{\"name\": \"numbers\", \"n\": 1234}");
        assertThat(persisted.get("value").asLong()).as(persisted.toString()).isEqualTo(1234);

        JsonNode counted = run("count-object", "{\"name\": \"numbers\"}");
        assertThat(counted.get("value").asLong()).as(counted.toString()).isEqualTo(1234);
        JsonNode missing = run("count-object", "{\"name\": \"nothing\"}");
        assertThat(missing.at("/status/state").asText()).isEqualTo("FAILED");
        assertThat(missing.at("/status/error/error_code").asText()).isEqualTo("JOB_FAILED");
        assertThat(missing.at("/status/error/message").asText()).contains("no object named nothing");

        // the engine the jobs ran on: the one assigned to the user (engine.prestart keeps a warm spare beside it)
        String engineId = StreamSupport.stream(
                        json(hearth.get("/v1/engines").body()).get("engines").spliterator(), false)
                .filter(engine -> engine.path("subject").asText().equals(USER))
                .map(engine -> engine.get("engine_id").asText())
                .findFirst()
                .orElseThrow();
        JsonNode objects =
                json(hearth.get("/v1/engines/" + engineId + "/objects").body());
        assertThat(objects.at("/objects/0/name").asText())
                .as(objects.toString())
                .isEqualTo("numbers");
        assertThat(objects.at("/objects/0/type").asText()).isEqualTo("STRUCT<id: BIGINT NOT NULL>");
        assertThat(objects.at("/objects/0/created_by").asText())
                .isEqualTo(persisted.get("job_id").asText());
    }

    private static void register(String name, String className) {
        HttpResponse<String> created = hearth.post(
                "/v1/functions",
                "{\"name\": \"" + name + "\", \"artifact_id\": \"" + examples + "\", \"class_name\": \"" + className
                        + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Runs a job and waits for it to end. */
    private static JsonNode run(String function, String parameters) {
        JsonNode job = submit(function, "{\"parameters\": " + parameters + ", \"wait_timeout\": \"50s\"}");
        return await(
                job.get("job_id").asText(),
                polled -> polled.at("/status/state").asText().matches("SUCCEEDED|FAILED|CANCELED"));
    }

    private static JsonNode submit(String function, String body) {
        HttpResponse<String> answer = hearth.post("/v1/functions/" + function + "/jobs", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer.body());
    }

    private static JsonNode await(String id, Predicate<JsonNode> done) {
        Instant end = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            JsonNode job = json(hearth.get("/v1/jobs/" + id).body());
            if (done.test(job)) {
                return job;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("job " + id + " did not get there: " + job);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
