package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.server.TestingHearth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine of a context whose master is a real Spark standalone cluster runs a statement's tasks on the
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
                        directory.resolve("data"), RealEngineIT.DISTRIBUTION, Map.of())) {
            HttpResponse<String> created = hearth.post("/v1/contexts", clusterContext(cluster));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(json(created.body()).get("master").asText()).isEqualTo(cluster.masterUrl());

            JsonNode done = run(hearth, "select count(*) as n from range(0, 1000000, 1, 4)", "cluster");
            assertThat(done.at("/status/state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.at("/result/data_array/0/0").asLong()).isEqualTo(1_000_000);
            String statementId = done.at("/statement_id").asText();

            JsonNode engine = json(hearth.get("/v1/engines").body()).at("/engines/0");
            assertThat(engine.get("context").asText()).isEqualTo("cluster");
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
     * A context whose engines run on the cluster: its master, a small driver, and the executor
     * settings the one-core Worker can grant.
     */
    private static String clusterContext(SparkStandaloneCluster cluster) throws IOException {
        Map<String, String> conf = new TreeMap<>();
        // the executor connects back to the driver: keep the driver on loopback like the cluster
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
        conf.put("spark.executor.memory", "512m");
        conf.put("spark.executor.cores", "1");
        conf.put("spark.cores.max", "1");
        // the driver's UI serves Spark's REST status (executors, tasks) to this test
        conf.put("spark.ui.enabled", "true");
        conf.put("spark.ui.port", "0");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("name", "cluster");
        context.put("share_level", "SERVER");
        context.put("master", cluster.masterUrl());
        context.put("driver_memory", "1g");
        context.put("spark_conf", conf);
        return new ObjectMapper().writeValueAsString(context);
    }

    private static JsonNode run(TestingHearth hearth, String sql, String context) {
        JsonNode answer = hearth.submit("{\"statement\": " + RealEngineIT.quote(sql) + ", \"context\": \"" + context
                + "\", \"wait_timeout\": \"50s\"}");
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
