package io.hearth.server.session;

import static io.hearth.server.TestingHearth.awaitState;
import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.testing.TestingEngine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The sessions API and statements in sessions, on one gateway with an in-process engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionApiTest {
    @TempDir
    static Path dataDirectory;

    private TestingHearth hearth;

    @BeforeAll
    void start() throws Exception {
        hearth = TestingHearth.start(dataDirectory, Map.of());
    }

    @AfterAll
    void stop() {
        if (hearth != null) {
            hearth.close();
        }
    }

    @Test
    void opensLooksAtListsAndClosesASession() {
        JsonNode opened = open("{\"conf\": {\"spark.sql.shuffle.partitions\": \"4\"}}");
        String id = opened.at("/session_id").asText();
        assertThat(opened.at("/state").asText()).isEqualTo("OPEN");
        assertThat(opened.at("/context").asText()).isEqualTo("default");
        assertThat(opened.at("/conf/spark.sql.shuffle.partitions").asText()).isEqualTo("4");
        assertThat(opened.at("/owner").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(opened.at("/created_at").asText()).isNotEmpty();
        assertThat(opened.at("/close_reason").isNull()).isTrue();
        String engineId = opened.at("/engine_id").asText();
        TestingEngine engine = engineOf(engineId);
        assertThat(engine.openSessions()).contains(id);

        JsonNode fetched = json(hearth.get("/v1/sessions/" + id).body());
        assertThat(fetched.at("/state").asText()).isEqualTo("OPEN");
        assertThat(fetched.at("/statement_count").asLong()).isZero();
        assertThat(json(hearth.get("/v1/sessions").body())
                        .at("/sessions/0/session_id")
                        .asText())
                .as("newest first")
                .isEqualTo(id);

        HttpResponse<String> deleted = hearth.delete("/v1/sessions/" + id);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted.body()).at("/state").asText()).isEqualTo("CLOSED");
        assertThat(json(deleted.body()).at("/close_reason").asText()).isEqualTo("REQUESTED");
        assertThat(json(deleted.body()).at("/closed_at").asText()).isNotEmpty();
        assertThat(engine.openSessions()).doesNotContain(id);

        HttpResponse<String> again = hearth.delete("/v1/sessions/" + id);
        assertThat(again.statusCode()).as("closing is idempotent").isEqualTo(200);
        assertThat(json(again.body()).at("/closed_at"))
                .isEqualTo(json(deleted.body()).at("/closed_at"));
    }

    @Test
    void listsTheStatementsOfOneSession() {
        String session = open("{}").at("/session_id").asText();
        String other = open("{}").at("/session_id").asText();
        String first = submit("select 1", session, "30s").at("/statement_id").asText();
        submit("select 2", other, "30s");
        String second = submit("select 3", session, "30s").at("/statement_id").asText();

        JsonNode listed =
                json(hearth.get("/v1/statements?session_id=" + session).body());
        assertThat(listed.at("/statements").findValuesAsText("statement_id")).containsExactly(second, first);
        assertThat(json(hearth.get("/v1/statements?session_id=no-such-session").body())
                        .at("/statements"))
                .isEmpty();
    }

    @Test
    void listsSessionsInPages() {
        String first = open("{}").at("/session_id").asText();
        String second = open("{}").at("/session_id").asText();
        String third = open("{}").at("/session_id").asText();

        JsonNode page = json(hearth.get("/v1/sessions?limit=2").body());
        assertThat(page.at("/sessions").findValuesAsText("session_id")).containsExactly(third, second);
        String token = page.at("/next_page_token").asText();
        JsonNode next =
                json(hearth.get("/v1/sessions?limit=2&page_token=" + token).body());
        assertThat(next.at("/sessions/0/session_id").asText()).isEqualTo(first);
        assertThat(hearth.get("/v1/sessions?page_token=nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void refusesUnknownContextsAndConfTheEngineRefuses() {
        HttpResponse<String> context = hearth.post("/v1/sessions", "{\"context\": \"big-cluster\"}");
        assertThat(context.statusCode()).isEqualTo(400);
        assertThat(json(context.body()).at("/field").asText()).isEqualTo("context");

        HttpResponse<String> conf = hearth.post("/v1/sessions", "{\"conf\": {\"spark.executor.memory\": \"8g\"}}");
        assertThat(conf.statusCode()).isEqualTo(400);
        assertThat(json(conf.body()).at("/field").asText()).isEqualTo("conf");
        assertThat(json(conf.body()).at("/detail").asText()).contains("spark.executor.memory");

        assertThat(hearth.post("/v1/sessions", "{\"confs\": {}}").statusCode()).isEqualTo(400);
        assertThat(hearth.post("/v1/sessions", "").statusCode())
                .as("no body at all: a default session")
                .isEqualTo(200);
    }

    @Test
    void unknownSessionsAre404() {
        assertThat(hearth.get("/v1/sessions/nope").statusCode()).isEqualTo(404);
        assertThat(hearth.delete("/v1/sessions/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> statement =
                hearth.post("/v1/statements", "{\"statement\": \"get k\", \"session_id\": \"nope\"}");
        assertThat(statement.statusCode()).isEqualTo(404);
        assertThat(json(statement.body()).at("/error_code").asText()).isEqualTo("NOT_FOUND");
        assertThat(hearth.post("/v1/statements", "{\"statement\": \"get k\", \"session_id\": \" \"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void statementsRunInTheirOwnSessionsState() {
        String red = open("{\"conf\": {\"spark.sql.shuffle.partitions\": \"4\"}}")
                .at("/session_id")
                .asText();
        String blue = open("{}").at("/session_id").asText();

        assertThat(value(run("set colour=red", red))).isEqualTo("red");
        assertThat(value(run("set colour=blue", blue))).isEqualTo("blue");

        assertThat(value(run("get colour", red))).isEqualTo("red");
        assertThat(value(run("get colour", blue))).isEqualTo("blue");
        assertThat(run("get colour", null).at("/result/data_array/0/0").isNull())
                .as("outside any session")
                .isTrue();
        assertThat(value(run("get spark.sql.shuffle.partitions", red)))
                .as("the session's conf")
                .isEqualTo("4");

        JsonNode session = json(hearth.get("/v1/sessions/" + red).body());
        assertThat(session.at("/statement_count").asLong()).isEqualTo(3);
    }

    @Test
    void statementsOfASessionRunOneAtATimeInTheOrderTheyWereAccepted() {
        String id = open("{}").at("/session_id").asText();
        TestingEngine engine = engineOf(
                json(hearth.get("/v1/sessions/" + id).body()).at("/engine_id").asText());
        String blocking = submit("block", id, "0s").at("/statement_id").asText();
        awaitState(hearth, blocking, "RUNNING");
        JsonNode accepted = submit("set step=1", id, "0s");
        String next = accepted.at("/statement_id").asText();
        assertThat(accepted.get("session_id").asText()).isEqualTo(id);
        assertThat(json(hearth.get("/v1/statements?limit=5").body())
                        .at("/statements/0/session_id")
                        .asText())
                .isEqualTo(id);

        // a statement outside the session runs meanwhile: the runners and the engine are free
        assertThat(run("select id from range(3)", null).at("/status/state").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(json(hearth.get("/v1/statements/" + next).body())
                        .at("/status/state")
                        .asText())
                .isEqualTo("PENDING");
        assertThat(engine.hasReceived(next))
                .as("the engine was asked to run it")
                .isFalse();

        assertThat(hearth.post("/v1/statements/" + blocking + "/cancel", "").statusCode())
                .isEqualTo(200);
        awaitState(hearth, blocking, "CANCELED");
        awaitState(hearth, next, "SUCCEEDED");

        for (int step = 2; step <= 6; step++) {
            submit("append step=" + step, id, "0s");
        }
        assertThat(value(run("get step", id))).isEqualTo("123456");
        assertThat(json(hearth.get("/v1/sessions/" + id).body())
                        .at("/last_statement_id")
                        .asText())
                .isNotEqualTo(next);
    }

    @Test
    void aClosedSessionRefusesStatementsAndKeepsItsResults() {
        String id = open("{}").at("/session_id").asText();
        String earlier = run("set k=kept", id).at("/statement_id").asText();
        hearth.delete("/v1/sessions/" + id);

        HttpResponse<String> refused =
                hearth.post("/v1/statements", "{\"statement\": \"get k\", \"session_id\": \"" + id + "\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused.body()).at("/error_code").asText()).isEqualTo("SESSION_CLOSED");
        assertThat(json(refused.body()).at("/detail").asText()).contains("closed by request");

        JsonNode result = json(hearth.get("/v1/statements/" + earlier).body());
        assertThat(result.at("/status/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.at("/result/data_array/0/0").asText()).isEqualTo("kept");
    }

    @Test
    void deletingASessionCancelsItsRunningAndQueuedStatements() {
        String id = open("{}").at("/session_id").asText();
        String blocking = submit("block", id, "0s").at("/statement_id").asText();
        awaitState(hearth, blocking, "RUNNING");
        String queued = submit("get k", id, "0s").at("/statement_id").asText();
        String outside = submit("block", null, "0s").at("/statement_id").asText();
        awaitState(hearth, outside, "RUNNING");

        hearth.delete("/v1/sessions/" + id);

        awaitState(hearth, blocking, "CANCELED");
        awaitState(hearth, queued, "CANCELED");
        assertThat(json(hearth.get("/v1/statements/" + outside).body())
                        .at("/status/state")
                        .asText())
                .as("a statement outside the session runs on")
                .isEqualTo("RUNNING");
        hearth.post("/v1/statements/" + outside + "/cancel", "");
    }

    @Test
    void progressIsVisibleWhileAStatementRuns() {
        String id = submit("progress", null, "0s").at("/statement_id").asText();
        JsonNode running = hearth.awaitStatement(
                id,
                statement -> !statement.at("/status/progress").isMissingNode()
                        && !statement.at("/status/progress").isNull(),
                Duration.ofSeconds(10));
        assertThat(running.at("/status/state").asText()).isEqualTo("RUNNING");
        JsonNode progress = running.at("/status/progress");
        assertThat(progress.at("/stages_completed").asInt()).isEqualTo(1);
        assertThat(progress.at("/stages_total").asInt()).isEqualTo(2);
        assertThat(progress.at("/tasks_completed").asLong()).isEqualTo(5);
        assertThat(progress.at("/tasks_total").asLong()).isEqualTo(10);
        assertThat(progress.at("/message").asText()).isEqualTo("halfway");

        hearth.post("/v1/statements/" + id + "/cancel", "");
        JsonNode canceled = awaitState(hearth, id, "CANCELED");
        assertThat(canceled.at("/status/progress").isNull())
                .as("only while running")
                .isTrue();
    }

    private JsonNode open(String body) {
        HttpResponse<String> response = hearth.post("/v1/sessions", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private JsonNode submit(String statement, String sessionId, String waitTimeout) {
        String session = sessionId == null ? "" : ", \"session_id\": \"" + sessionId + "\"";
        return hearth.submit(
                "{\"statement\": \"" + statement + "\", \"wait_timeout\": \"" + waitTimeout + "\"" + session + "}");
    }

    private JsonNode run(String statement, String sessionId) {
        JsonNode answer = submit(statement, sessionId, "10s");
        assertThat(answer.at("/status/state").asText()).as(answer.toString()).isEqualTo("SUCCEEDED");
        return answer;
    }

    private static String value(JsonNode answer) {
        return answer.at("/result/data_array/0/0").asText();
    }

    private TestingEngine engineOf(String engineId) {
        return hearth.engines().engines().stream()
                .filter(engine -> engine.engineId().equals(engineId))
                .findFirst()
                .orElseThrow();
    }
}
