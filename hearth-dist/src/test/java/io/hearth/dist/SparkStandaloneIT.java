package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine whose master is a real Spark standalone cluster runs a statement's tasks on the
 * cluster's executor, not in its own driver, as Spark's own status pages show.
 */
class SparkStandaloneIT {
    @TempDir
    Path directory;

    @Test
    void statementTasksRunOnTheWorkersExecutorNotInTheDriver() throws Exception {
        try (SparkStandaloneCluster cluster = SparkStandaloneCluster.start(
                        RealEngineIT.DISTRIBUTION.resolve("engine"),
                        directory.resolve("cluster"),
                        Duration.ofMinutes(2));
                TestingHearth hearth = TestingHearth.startWithRealEngines(
                        directory.resolve("data"), RealEngineIT.DISTRIBUTION, configureCluster(cluster))) {
            JsonNode done = run(hearth, "select count(*) as n from range(0, 1000000, 1, 4)");
            assertThat(done.at("/status/state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.at("/result/data_array/0/0").asLong()).isEqualTo(1_000_000);
            String statementId = done.at("/statement_id").asText();

            JsonNode engine = json(hearth.get("/v1/engines").body()).at("/engines/0");
            String sparkUi = engine.path("spark_ui_url").asText();
            assertThat(sparkUi).as(engine.toString()).startsWith("http://127.0.0.1:");
            JsonNode application = cluster.fetchJson(URI.create(sparkUi + "/api/v1/applications"))
                    .get(0);
            String applicationId = application.get("id").asText();
            String api = sparkUi + "/api/v1/applications/" + applicationId;

            // the Master runs the engine as an application holding the Worker's one core
            JsonNode master = cluster.masterJson();
            assertThat(master.at("/activeapps")).as(master.toString()).anySatisfy(app -> {
                assertThat(app.get("id").asText()).isEqualTo(applicationId);
                assertThat(app.get("state").asText()).isEqualTo("RUNNING");
                assertThat(app.get("cores").asInt()).isEqualTo(1);
            });
            assertThat(master.at("/workers/0/coresused").asInt()).isEqualTo(1);

            // every task of the statement's jobs ran on an executor of the Worker
            List<JsonNode> tasks = statementTasks(cluster, api, statementId);
            assertThat(tasks).hasSizeGreaterThanOrEqualTo(4).allSatisfy(task -> {
                assertThat(task.get("executorId").asText()).isNotEqualTo("driver");
                assertThat(task.get("host").asText()).isEqualTo("127.0.0.1");
                assertThat(task.get("status").asText()).isEqualTo("SUCCESS");
            });

            // the driver ran none of them; the Worker's executor ran them all (and the warm-up's)
            JsonNode executors = cluster.fetchJson(URI.create(api + "/allexecutors"));
            assertThat(executors)
                    .as(executors.toString())
                    .anySatisfy(executor -> {
                        assertThat(executor.get("id").asText()).isEqualTo("driver");
                        assertThat(executor.get("totalTasks").asInt()).isZero();
                    })
                    .anySatisfy(executor -> {
                        assertThat(executor.get("id").asText()).isNotEqualTo("driver");
                        assertThat(executor.get("hostPort").asText()).startsWith("127.0.0.1:");
                        assertThat(executor.get("totalTasks").asInt()).isGreaterThanOrEqualTo(tasks.size());
                    });
        }
    }

    /**
     * The gateway settings that put engines on the cluster. Hearth has one global engine
     * configuration today; with named contexts this becomes a context whose Spark conf has {@code
     * spark.master} and the rest of these keys.
     */
    private static Map<String, String> configureCluster(SparkStandaloneCluster cluster) {
        Map<String, String> settings = new HashMap<>();
        settings.put("engine.master", cluster.masterUrl());
        settings.put("engine.driver-memory", "1g");
        // the executor connects back to the driver: keep the driver on loopback like the cluster
        settings.put("engine.conf.spark.driver.host", "127.0.0.1");
        settings.put("engine.conf.spark.driver.bindAddress", "127.0.0.1");
        settings.put("engine.conf.spark.executor.memory", "512m");
        settings.put("engine.conf.spark.executor.cores", "1");
        settings.put("engine.conf.spark.cores.max", "1");
        // the driver's UI serves Spark's REST status (executors, tasks) to this test
        settings.put("engine.conf.spark.ui.enabled", "true");
        settings.put("engine.conf.spark.ui.port", "0");
        return settings;
    }

    private static JsonNode run(TestingHearth hearth, String sql) {
        JsonNode answer = hearth.submit("{\"statement\": " + RealEngineIT.quote(sql) + ", \"wait_timeout\": \"50s\"}");
        return answer.at("/status/state").asText().matches("PENDING|RUNNING")
                ? hearth.awaitStatement(
                        answer.at("/statement_id").asText(),
                        statement -> statement.at("/status/state").asText().matches("SUCCEEDED|FAILED|CANCELED"),
                        Duration.ofMinutes(3))
                : answer;
    }

    /** The tasks of every stage of every Spark job the statement ran (its job group is its id). */
    private static List<JsonNode> statementTasks(SparkStandaloneCluster cluster, String api, String statementId) {
        JsonNode jobs = cluster.fetchJson(URI.create(api + "/jobs"));
        List<JsonNode> tasks = new ArrayList<>();
        int statementJobs = 0;
        for (JsonNode job : jobs) {
            if (!job.path("jobGroup").asText().equals(statementId)) {
                continue;
            }
            statementJobs++;
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
            for (JsonNode stageId : job.get("stageIds")) {
                for (JsonNode attempt : cluster.fetchJson(URI.create(api + "/stages/" + stageId.asInt()))) {
                    cluster.fetchJson(URI.create(api + "/stages/" + stageId.asInt() + "/"
                                    + attempt.get("attemptId").asInt() + "/taskList?length=1000"))
                            .forEach(tasks::add);
                }
            }
        }
        assertThat(statementJobs)
                .as("Spark jobs in the statement's job group: " + jobs)
                .isPositive();
        return tasks;
    }
}
