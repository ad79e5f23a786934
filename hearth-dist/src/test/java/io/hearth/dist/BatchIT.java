package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches on real Spark: the examples jar uploaded over REST, its applications run by the
 * distribution's embedded SparkSubmit to success and to failure.
 */
class BatchIT {
    static final Path EXAMPLES_JAR =
            Path.of(System.getProperty("hearth.examples.jar", "../examples/target/hearth-examples-0.1.0-SNAPSHOT.jar"));
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;
    private static String artifactId;

    @BeforeAll
    static void start() throws Exception {
        assertThat(EXAMPLES_JAR)
                .as("the examples jar (build hearth-examples first)")
                .isRegularFile();
        hearth = TestingHearth.startWithRealEngines(dataDirectory, RealEngineIT.DISTRIBUTION, Map.of());
        HttpResponse<String> upload = hearth.postBytes(
                "/v1/artifacts?name=hearth-examples.jar", "application/java-archive", Files.readAllBytes(EXAMPLES_JAR));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        artifactId = json(upload.body()).get("artifact_id").asText();
    }

    @AfterAll
    static void stop() {
        if (hearth != null) {
            hearth.close();
        }
    }

    private static String submit(String className, String argsJson) {
        HttpResponse<String> response = hearth.post(
                "/v1/batches",
                "{\"artifact_id\": \"" + artifactId + "\", \"class_name\": \"" + className + "\", \"args\": " + argsJson
                        + ", \"conf\": {\"spark.driver.memory\": \"512m\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body()).get("batch_id").asText();
    }

    private static JsonNode awaitEnd(String batchId) throws InterruptedException {
        Instant end = Instant.now().plus(DEADLINE);
        while (true) {
            JsonNode batch = json(hearth.get("/v1/batches/" + batchId).body());
            if (batch.get("state").asText().matches("SUCCEEDED|FAILED|KILLED")) {
                return batch;
            }
            assertThat(Instant.now())
                    .as("batch %s should end: %s", batchId, batch)
                    .isBefore(end);
            Thread.sleep(200);
        }
    }

    private static String log(String batchId) {
        return hearth.get("/v1/batches/" + batchId + "/log?lines=10000").body();
    }

    @Test
    void wordCountRunsToSuccessAndPrintsTheCounts() throws Exception {
        String id = submit("io.hearth.examples.WordCountApp", "[\"to\", \"be\", \"or\", \"not\", \"to\", \"be\"]");

        JsonNode done = awaitEnd(id);

        assertThat(done.get("state").asText()).as(log(id)).isEqualTo("SUCCEEDED");
        assertThat(done.get("exit_code").asInt()).isZero();
        assertThat(log(id))
                .contains("word count: be 2")
                .contains("word count: to 2")
                .contains("word count: not 1")
                .contains("WordCountApp counted 4 distinct words");
    }

    @Test
    void aFailingApplicationFailsWithItsError() throws Exception {
        String id = submit("io.hearth.examples.FailingApp", "[]");

        JsonNode failed = awaitEnd(id);

        assertThat(failed.get("state").asText()).as(log(id)).isEqualTo("FAILED");
        assertThat(failed.get("exit_code").asInt()).isNotZero();
        assertThat(failed.at("/error/error_code").asText()).isEqualTo("APPLICATION_FAILED");
        assertThat(failed.at("/error/message").asText())
                .contains("java.lang.IllegalStateException: the example batch failed on purpose");
        assertThat(log(id)).contains("FailingApp counted 10 rows");
    }
}
