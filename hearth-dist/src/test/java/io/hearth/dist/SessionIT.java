package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions on one real engine JVM running real Spark, shared by the whole class. */
class SessionIT {
    static final Path DISTRIBUTION = Path.of(System.getProperty("hearth.distribution", "target/hearth"));

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        // the warehouse in the test's folder: the test creates a database, and Spark makes its folder
        hearth = TestingHearth.startWithRealEngines(
                dataDirectory,
                DISTRIBUTION,
                Map.of(
                        "engine.prestart",
                        "true",
                        "engine.conf.spark.sql.warehouse.dir",
                        dataDirectory.resolve("warehouse").toString()));
    }

    @AfterAll
    static void stop() {
        if (hearth != null) {
            hearth.close();
        }
    }

    @Test
    void aSessionKeepsItsTempViewsConfAndDatabaseToItself() {
        JsonNode session = open("{\"conf\": {\"spark.sql.shuffle.partitions\": \"3\"}}");
        String id = session.at("/session_id").asText();
        String other = open("{}").at("/session_id").asText();

        assertThat(state(run("create temp view v as select id, id * 10 as x from range(3)", id)))
                .isEqualTo("SUCCEEDED");
        JsonNode selected = run("select * from v order by id", id);
        assertThat(state(selected)).as(selected.toString()).isEqualTo("SUCCEEDED");
        assertThat(selected.at("/result/data_array").toString()).isEqualTo("[[0,0],[1,10],[2,20]]");

        JsonNode elsewhere = run("select * from v", other);
        assertThat(state(elsewhere)).isEqualTo("FAILED");
        assertThat(elsewhere.at("/status/error/error_code").asText()).isEqualTo("TABLE_OR_VIEW_NOT_FOUND");
        assertThat(run("select * from v", null).at("/status/error/error_code").asText())
                .as("outside any session")
                .isEqualTo("TABLE_OR_VIEW_NOT_FOUND");

        assertThat(setting("spark.sql.shuffle.partitions", id))
                .as("conf from POST /v1/sessions")
                .isEqualTo("3");
        assertThat(state(run("set spark.sql.shuffle.partitions = 5", id))).isEqualTo("SUCCEEDED");
        assertThat(setting("spark.sql.shuffle.partitions", id)).isEqualTo("5");
        assertThat(setting("spark.sql.shuffle.partitions", other)).isEqualTo("2");

        assertThat(state(run("create database if not exists session_it_db", id)))
                .isEqualTo("SUCCEEDED");
        assertThat(state(run("use session_it_db", id))).isEqualTo("SUCCEEDED");
        assertThat(run("select current_database()", id)
                        .at("/result/data_array/0/0")
                        .asText())
                .isEqualTo("session_it_db");
        assertThat(run("select current_database()", other)
                        .at("/result/data_array/0/0")
                        .asText())
                .isEqualTo("default");

        JsonNode fetched = json(hearth.get("/v1/sessions/" + id).body());
        assertThat(fetched.at("/statement_count").asLong()).isEqualTo(8);
    }

    @Test
    void refusesConfThatCannotBeSetPerSession() {
        HttpResponse<String> refused =
                hearth.post("/v1/sessions", "{\"conf\": {\"spark.sql.warehouse.dir\": \"/tmp/elsewhere\"}}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused.body()).at("/detail").asText()).contains("spark.sql.warehouse.dir");
    }

    @Test
    void aClosedSessionRefusesStatements() {
        String id = open("{}").at("/session_id").asText();
        String before = run("select 1 as one", id).at("/statement_id").asText();

        assertThat(hearth.delete("/v1/sessions/" + id).statusCode()).isEqualTo(200);

        HttpResponse<String> refused =
                hearth.post("/v1/statements", "{\"statement\": \"select 1\", \"session_id\": \"" + id + "\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused.body()).at("/error_code").asText()).isEqualTo("SESSION_CLOSED");
        assertThat(json(hearth.get("/v1/statements/" + before).body())
                        .at("/result/data_array/0/0")
                        .asInt())
                .isEqualTo(1);
    }

    private static JsonNode open(String body) {
        HttpResponse<String> response = hearth.post("/v1/sessions", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static String setting(String key, String sessionId) {
        JsonNode answer = run("set " + key, sessionId);
        assertThat(state(answer)).as(answer.toString()).isEqualTo("SUCCEEDED");
        return answer.at("/result/data_array/0/1").asText();
    }

    private static JsonNode run(String sql, String sessionId) {
        String session = sessionId == null ? "" : ", \"session_id\": \"" + sessionId + "\"";
        JsonNode answer = hearth.submit("{\"statement\": \"" + sql + "\", \"wait_timeout\": \"50s\"" + session + "}");
        return answer.at("/status/state").asText().matches("RUNNING|PENDING")
                ? hearth.awaitStatement(
                        answer.at("/statement_id").asText(),
                        statement -> statement.at("/status/state").asText().matches("SUCCEEDED|FAILED|CANCELED"),
                        Duration.ofMinutes(3))
                : answer;
    }

    private static String state(JsonNode answer) {
        return answer.at("/status/state").asText();
    }
}
