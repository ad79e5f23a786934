package io.hearth.server.context;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contexts API, and work that names a context, as clients see them. */
class ContextApiTest {
    @TempDir
    Path dataDirectory;

    private TestingHearth hearth;

    @BeforeEach
    void start() throws Exception {
        hearth = TestingHearth.start(
                dataDirectory, Map.of("engine.queue.max-per-user", "2", "engine.queue.retry-after", "9s"));
    }

    @AfterEach
    void stop() {
        hearth.close();
    }

    @Test
    void createsReadsReplacesListsAndDeletesAContext() {
        HttpResponse<String> created = hearth.post(
                "/v1/contexts",
                "{\"name\": \"etl\", \"share_level\": \"SERVER\", \"master\": \"local[2]\", \"driver_memory\": \"1g\","
                        + " \"spark_conf\": {\"spark.sql.shuffle.partitions\": \"4\"}, \"max_engines\": 2,"
                        + " \"idle_timeout\": \"10m\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/v1/contexts/etl");
        JsonNode etl = json(created.body());
        assertThat(etl.get("share_level").asText()).isEqualTo("SERVER");
        assertThat(etl.get("max_engines").asInt()).isEqualTo(2);
        assertThat(etl.get("idle_timeout").asText()).isEqualTo("600s");
        assertThat(etl.get("max_concurrent_per_engine").asInt())
                .as("the default's")
                .isEqualTo(16);
        assertThat(etl.get("source").asText()).isEqualTo("api");
        assertThat(etl.get("inherited"))
                .as("what the definition leaves to the gateway's defaults")
                .extracting(JsonNode::asText)
                .containsExactly("min_idle", "max_concurrent_per_engine", "start_timeout");

        HttpResponse<String> replaced = hearth.send(HttpRequest.newBuilder(hearth.uri("/v1/contexts/etl"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"share_level\": \"USER\", \"min_idle\": 0}"))
                .header("Content-Type", "application/json")
                .build());
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced.body()).get("share_level").asText()).isEqualTo("USER");
        assertThat(json(replaced.body()).get("master").asText())
                .as("a PUT is the whole definition: absent fields follow the defaults again")
                .isEqualTo("local[*]");
        assertThat(json(replaced.body()).get("inherited"))
                .extracting(JsonNode::asText)
                .contains("master", "driver_memory")
                .doesNotContain("share_level", "min_idle");

        JsonNode list = json(hearth.get("/v1/contexts").body());
        assertThat(list.get("contexts"))
                .extracting(context -> context.get("name").asText())
                .containsExactly("default", "etl");
        assertThat(list.at("/contexts/0/source").asText()).isEqualTo("configuration");
        assertThat(list.at("/contexts/0/inherited"))
                .as("the configured one is all configuration")
                .isEmpty();

        assertThat(hearth.delete("/v1/contexts/etl").statusCode()).isEqualTo(204);
        assertThat(hearth.get("/v1/contexts/etl").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAnInvalidContextListingEveryProblem() {
        HttpResponse<String> refused = hearth.post(
                "/v1/contexts",
                "{\"name\": \"bad\", \"driver_memory\": \"lots\", \"spark_conf\": {\"spark.master\": \"yarn\","
                        + " \"hadoop.x\": \"1\"}, \"min_idle\": 9, \"max_engines\": 2, \"idle_timeout\": \"soon\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).get("errors"))
                .extracting(error -> error.get("field").asText())
                .containsExactlyInAnyOrder(
                        "driver_memory", "spark_conf.spark.master", "spark_conf.hadoop.x", "min_idle", "idle_timeout");
        assertThat(hearth.post("/v1/contexts", "{\"name\": \"no spaces\"}").statusCode())
                .isEqualTo(400);
        assertThat(hearth.post("/v1/contexts", "{\"name\": \"default\"}").statusCode())
                .isEqualTo(409);
        assertThat(hearth.delete("/v1/contexts/default").statusCode()).isEqualTo(409);
    }

    @Test
    void workRunsOnAnEngineOfTheContextItNames() {
        hearth.post("/v1/contexts", "{\"name\": \"shared\", \"share_level\": \"SERVER\"}");

        JsonNode answer = hearth.submit("{\"statement\": \"select id from range(3)\", \"context\": \"shared\"}");

        assertThat(answer.at("/status/state").asText()).as(answer.toString()).isEqualTo("SUCCEEDED");
        JsonNode engine = json(hearth.get("/v1/engines").body()).at("/engines/0");
        assertThat(engine.get("context").asText()).isEqualTo("shared");
        assertThat(engine.get("share_key").asText()).isEqualTo("shared:SERVER:*");

        HttpResponse<String> unknown =
                hearth.post("/v1/statements", "{\"statement\": \"select 1\", \"context\": \"nowhere\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown.body()).get("field").asText()).isEqualTo("context");

        HttpResponse<String> busy = hearth.delete("/v1/contexts/shared");
        assertThat(busy.statusCode()).as("no work runs on it now").isEqualTo(204);
    }

    @Test
    void aFullAdmissionQueueAnswers429WithRetryAfter() {
        // one user may have two requests waiting for an engine; blocking statements hold their place
        hearth.post(
                "/v1/contexts",
                "{\"name\": \"one\", \"share_level\": \"SERVER\", \"max_engines\": 1, \"max_concurrent_per_engine\": 1}");
        String running = hearth.submit("{\"statement\": \"block\", \"context\": \"one\", \"wait_timeout\": \"0s\"}")
                .at("/statement_id")
                .asText();
        TestingHearth.awaitState(hearth, running, "RUNNING");
        hearth.submit("{\"statement\": \"block\", \"context\": \"one\", \"wait_timeout\": \"0s\"}");
        hearth.submit("{\"statement\": \"block\", \"context\": \"one\", \"wait_timeout\": \"0s\"}");

        HttpResponse<String> refused = hearth.post(
                "/v1/statements", "{\"statement\": \"select 1\", \"context\": \"one\", \"wait_timeout\": \"0s\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("9");
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(refused.body()).get("error_code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(hearth.delete("/v1/contexts/one").statusCode())
                .as("its engine serves work")
                .isEqualTo(409);
    }
}
