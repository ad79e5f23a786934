package io.hearth.server.engine;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code impersonation.enabled=true}, as clients see it over HTTP: engines are launched as
 * the user whose work they run, and contexts that would mix identities in one engine are refused.
 */
class ImpersonationApiTest {
    @TempDir
    Path dataDirectory;

    private TestingHearth hearth;

    @BeforeEach
    void start() throws Exception {
        hearth = TestingHearth.start(
                dataDirectory,
                Map.of(
                        "impersonation.enabled", "true",
                        "impersonation.group-users.analysts", "analytics-svc",
                        "auth.default-user", "alice"));
    }

    @AfterEach
    void stop() {
        hearth.close();
    }

    @Test
    void aUsersWorkRunsOnAnEngineLaunchedAsThatUser() {
        JsonNode answer = hearth.submit("{\"statement\": \"select id from range(3)\"}");

        assertThat(answer.at("/status/state").asText()).as(answer.toString()).isEqualTo("SUCCEEDED");
        JsonNode engine = json(hearth.get("/v1/engines").body()).at("/engines/0");
        assertThat(engine.get("share_key").asText()).isEqualTo("default:USER:alice;proxy-user=alice");
        assertThat(engine.get("user").asText()).isEqualTo("alice");
        assertThat(hearth.engines().launches())
                .singleElement()
                .satisfies(launch -> assertThat(launch.proxyUser()).contains("alice"));
    }

    @Test
    void contextsThatWouldMixIdentitiesInOneEngineAreRefused() {
        HttpResponse<String> server =
                hearth.post("/v1/contexts", "{\"name\": \"shared\", \"share_level\": \"SERVER\", \"min_idle\": 1}");

        assertThat(server.statusCode()).as(server.body()).isEqualTo(400);
        assertThat(server.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(server.body()).get("errors"))
                .extracting(error -> error.get("field").asText())
                .containsExactlyInAnyOrder("share_level", "min_idle");
        assertThat(server.body()).contains("impersonation.enabled=true");

        HttpResponse<String> group = hearth.post("/v1/contexts", "{\"name\": \"teams\", \"share_level\": \"GROUP\"}");
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        HttpResponse<String> unmapped =
                hearth.post("/v1/statements", "{\"statement\": \"select 1\", \"context\": \"teams\"}");
        assertThat(unmapped.statusCode()).as(unmapped.body()).isEqualTo(400);
        assertThat(json(unmapped.body()).get("detail").asText())
                .contains("group alice has no Hadoop user", "impersonation.group-users.alice");
        assertThat(hearth.engines().launches()).isEmpty();
    }
}
