package io.hearth.server.event;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestJars;
import io.hearth.server.TestingHearth;
import io.hearth.server.batch.TestingBatchLauncher;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With webhooks off (the default), a request naming a {@code callback_url} is refused, before
 * anything is stored, for every kind of work that takes one (statements, jobs, batches, streams): its caller would wait for POSTs that
 * never come. The same request without it is accepted.
 */
class CallbackUrlWithoutWebhooksTest {
    private static final String CALLBACK = "\"callback_url\": \"https://example.com/hearth/events\"";

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;
    private static String artifact;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(dataDirectory.resolve("data"), Map.of(), new TestingBatchLauncher());
        artifact = hearth.uploadArtifact(TestJars.compile(
                dataDirectory.resolve("sources"),
                Map.of("apps.Hello", "package apps; public class Hello { public static void main(String[] a) {} }")));
        HttpResponse<String> function = hearth.post(
                "/v1/functions",
                "{\"name\": \"echo\", \"artifact_id\": \"" + artifact + "\", \"class_name\": \"testing.Echo\"}");
        assertThat(function.statusCode()).as(function.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void aStatementWithACallbackUrlIsRefusedAndNotStored() {
        String text = "select id from range(2) -- with a callback";
        assertRefused(hearth.post("/v1/statements", "{\"statement\": \"" + text + "\", " + CALLBACK + "}"));
        assertThat(json(hearth.get("/v1/statements?limit=100").body()).get("statements"))
                .extracting(statement -> statement.get("statement").asText())
                .doesNotContain(text);

        HttpResponse<String> without =
                hearth.post("/v1/statements", "{\"statement\": \"" + text + "\", \"wait_timeout\": \"10s\"}");
        assertThat(without.statusCode()).as(without.body()).isEqualTo(200);
        assertThat(json(without.body()).at("/status/state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aJobWithACallbackUrlIsRefused() {
        String parameters = "\"parameters\": {\"n\": 1, \"word\": \"hi\"}";
        assertRefused(hearth.post("/v1/functions/echo/jobs", "{" + parameters + ", " + CALLBACK + "}"));

        HttpResponse<String> without =
                hearth.post("/v1/functions/echo/jobs", "{" + parameters + ", \"wait_timeout\": \"10s\"}");
        assertThat(without.statusCode()).as(without.body()).isEqualTo(200);
        assertThat(json(without.body()).get("job_id").asText()).isNotBlank();
    }

    @Test
    void aBatchWithACallbackUrlIsRefused() {
        String batch = "\"artifact_id\": \"" + artifact + "\", \"class_name\": \"apps.Hello\"";
        assertRefused(hearth.post("/v1/batches", "{" + batch + ", " + CALLBACK + "}"));

        HttpResponse<String> without = hearth.post("/v1/batches", "{" + batch + "}");
        assertThat(without.statusCode()).as(without.body()).isEqualTo(201);
    }

    @Test
    void aStreamWithACallbackUrlIsRefusedAndNotStored() {
        assertRefused(hearth.post(
                "/v1/streams",
                "{\"source\": {\"format\": \"rate\"}, \"statement\": \"SELECT value FROM input\","
                        + " \"sink\": {\"format\": \"memory\", \"name\": \"counts\"}, " + CALLBACK + "}"));
        assertThat(json(hearth.get("/v1/streams").body()).at("/streams")).isEmpty();
    }

    private static void assertRefused(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(refused.body());
        assertThat(problem.get("field").asText()).isEqualTo("callback_url");
        assertThat(problem.get("detail").asText()).contains("webhooks are off").contains("webhooks.enabled");
    }
}
