package io.hearth.dist;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The impersonation proof on a real HDFS: a MiniDFSCluster in this JVM with permissions on, where
 * the gateway's user (this JVM's user) is a proxy superuser, holds {@code /data/alice} (alice's,
 * 700) and {@code /data/bob} (bob's, 700). With {@code impersonation.enabled=true}, work alice
 * sends through Hearth's REST API runs on a real engine JVM launched {@code --proxy-user alice}:
 * it reads her file, fails reading bob's with HDFS's permission error, and what it writes is
 * alice's; bob, on an engine of his own, reads his and fails on hers. Both log in with HTTP Basic
 * against a users file. Alice's engine then runs the experiments docs/isolation.md quotes (their
 * output is printed). Two engine JVMs in all, for the 2-core CI machine.
 */
class ImpersonationHdfsIT {
    private static final String ME = System.getProperty("user.name");

    @TempDir
    static Path directory;

    private static MiniDFSCluster hdfs;
    private static FileSystem fs;
    private static TestingHearth hearth;
    private static TestingHearth alice;
    private static TestingHearth bob;
    /** An admin: lists every engine and reads their logs. */
    private static TestingHearth ops;

    @BeforeAll
    static void start() throws Exception {
        Configuration conf = new Configuration();
        conf.setBoolean("dfs.permissions.enabled", true);
        conf.set("hadoop.proxyuser." + ME + ".hosts", "*");
        conf.set("hadoop.proxyuser." + ME + ".groups", "*");
        // users that exist only in HDFS: no OS lookups of alice's and bob's groups
        conf.set("hadoop.user.group.static.mapping.overrides", "alice=alice;bob=bob;" + ME + "=" + ME);
        hdfs = new MiniDFSCluster.Builder(conf, directory.resolve("hdfs").toFile())
                .numDataNodes(1)
                .build();
        hdfs.waitActive();
        fs = hdfs.getFileSystem();
        privateFolder("alice", "name,city\nalice,Lisbon\nana,Porto\n");
        privateFolder("bob", "name,city\nbob,Oslo\n");

        // the client's copy of the proxy-user settings, which the gateway checks at start-up
        Path hadoopConf = Files.createDirectories(directory.resolve("hadoop-conf"));
        Files.writeString(hadoopConf.resolve("core-site.xml"), """
                <?xml version="1.0"?>
                <configuration>
                  <property><name>hadoop.proxyuser.%1$s.hosts</name><value>*</value></property>
                  <property><name>hadoop.proxyuser.%1$s.groups</name><value>*</value></property>
                </configuration>
                """.formatted(ME));
        Path users = TestingUsers.users()
                .add("alice", "alice-secret", "analysts")
                .add("bob", "bob-secret", "engineering")
                .add("ops", "ops-secret")
                .writeTo(directory.resolve("users"));
        Map<String, String> settings = new HashMap<>(TestingUsers.basicAuth(users, "ops"));
        settings.put("impersonation.enabled", "true");
        settings.put("impersonation.hadoop-conf-dir", hadoopConf.toString());
        settings.put("engine.driver-memory", "1g");
        settings.put("engine.conf.spark.hadoop.fs.defaultFS", hdfs.getURI().toString());
        // on the local disk: a bare path would be on HDFS (fs.defaultFS), where the users may not write
        settings.put(
                "engine.conf.spark.sql.warehouse.dir",
                directory.resolve("warehouse").toUri().toString());
        hearth = TestingHearth.startWithRealEngines(directory.resolve("data"), RealEngineIT.DISTRIBUTION, settings);
        alice = hearth.as("alice", "alice-secret");
        bob = hearth.as("bob", "bob-secret");
        ops = hearth.as("ops", "ops-secret");
    }

    @AfterAll
    static void stop() throws IOException {
        if (hearth != null) {
            hearth.close();
        }
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    /** {@code /data/<user>}, owned by the user, 700, with one CSV file of theirs (600). */
    private static void privateFolder(String user, String csv) throws IOException {
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path("/data/" + user);
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(folder, "people.csv");
        fs.mkdirs(folder);
        try (OutputStream out = fs.create(file)) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        fs.setOwner(folder, user, user);
        fs.setOwner(file, user, user);
        fs.setPermission(folder, new FsPermission((short) 0700));
        fs.setPermission(file, new FsPermission((short) 0600));
    }

    @Test
    void eachUserReadsTheirOwnFileNotTheOthersAndWhatAliceWritesIsHers() throws Exception {
        JsonNode who = run("select current_user()");
        assertThat(state(who)).as(who.toString()).isEqualTo("SUCCEEDED");
        assertThat(who.at("/result/data_array/0/0").asText()).isEqualTo("alice");

        JsonNode hers =
                run("select _c0 as name, _c1 as city from csv.`/data/alice/people.csv` where _c0 <> 'name' order by 1");
        assertThat(state(hers)).as(hers.toString()).isEqualTo("SUCCEEDED");
        assertThat(hers.at("/result/data_array").toString()).isEqualTo("[[\"alice\",\"Lisbon\"],[\"ana\",\"Porto\"]]");

        JsonNode bobs = run("select * from csv.`/data/bob/people.csv`");
        assertThat(state(bobs)).as(bobs.toString()).isEqualTo("FAILED");
        String error = bobs.at("/status/error/message").asText();
        System.out.println("[isolation] alice reading /data/bob/people.csv: " + bobs.at("/status/error"));
        assertThat(error).contains("Permission denied").contains("user=alice").contains("/data/bob");

        JsonNode written = run("insert overwrite directory '/data/alice/out' using parquet"
                + " select _c0 as name, _c1 as city from csv.`/data/alice/people.csv` where _c0 <> 'name'");
        assertThat(state(written)).as(written.toString()).isEqualTo("SUCCEEDED");
        org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path("/data/alice/out");
        assertThat(fs.getFileStatus(out).getOwner()).isEqualTo("alice");
        List<FileStatus> parts = new ArrayList<>();
        for (FileStatus status : fs.listStatus(out)) {
            parts.add(status);
        }
        assertThat(parts)
                .isNotEmpty()
                .allSatisfy(status -> assertThat(status.getOwner())
                        .as(status.getPath().toString())
                        .isEqualTo("alice"));
        System.out.println("[isolation] owners under /data/alice/out: "
                + parts.stream()
                        .map(s -> s.getPath().getName() + "=" + s.getOwner())
                        .toList());

        JsonNode his = run(bob, "select _c0 from csv.`/data/bob/people.csv` where _c0 <> 'name'", null);
        assertThat(state(his)).as(his.toString()).isEqualTo("SUCCEEDED");
        assertThat(his.at("/result/data_array").toString()).isEqualTo("[[\"bob\"]]");
        JsonNode hersForBob = run(bob, "select * from csv.`/data/alice/people.csv`", null);
        assertThat(state(hersForBob)).as(hersForBob.toString()).isEqualTo("FAILED");
        assertThat(hersForBob.at("/status/error/message").asText())
                .contains("Permission denied")
                .contains("user=bob")
                .contains("/data/alice");

        JsonNode engines = json(ops.get("/v1/engines").body()).get("engines");
        for (String user : List.of("alice", "bob")) {
            JsonNode engine = StreamSupport.stream(engines.spliterator(), false)
                    .filter(candidate ->
                            candidate.get("share_key").asText().equals("default:USER:" + user + ";proxy-user=" + user))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no engine of " + user + " in " + engines));
            assertThat(engine.get("user").asText()).isEqualTo(user);
            assertThat(ops.get("/v1/engines/" + engine.get("engine_id").asText() + "/log?lines=2000")
                            .body())
                    .as("SparkSubmit ran the engine as a proxy user of the gateway's")
                    .contains("as Hadoop user " + user + " (auth:PROXY) via " + ME);
        }
    }

    /**
     * The experiment behind docs/isolation.md's answer to "can one SparkContext serve two users'
     * HDFS rights": inside alice's engine, a job acts as bob with createProxyUser(...).doAs(...).
     */
    @Test
    void insideOneEngineActingAsAnotherUserIsNotIsolation() throws Exception {
        String artifact = alice.uploadArtifact(probeJar());
        HttpResponse<String> registered = alice.post(
                "/v1/functions",
                "{\"name\": \"identity-probe\", \"artifact_id\": \"" + artifact
                        + "\", \"class_name\": \"io.hearth.dist.probe.IdentityProbeJob\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        HttpResponse<String> submitted = alice.post(
                "/v1/functions/identity-probe/jobs",
                "{\"parameters\": {\"other_user\": \"bob\", \"other_directory\": \"/data/bob\","
                        + " \"other_file\": \"people.csv\"}, \"wait_timeout\": \"50s\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        JsonNode job = awaitJob(json(submitted.body()).get("job_id").asText());
        assertThat(job.at("/status/state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode report = job.get("value");
        report.properties()
                .forEach(field -> System.out.println("[isolation] " + field.getKey() + " = "
                        + field.getValue().asText()));

        assertThat(report.get("current_user").asText()).startsWith("alice (auth:PROXY) via " + ME);
        assertThat(report.get("login_user").asText()).startsWith(ME + " (auth:SIMPLE)");
        assertThat(report.get("sql_current_user").asText()).isEqualTo("alice");
        assertThat(report.get("as_engine_user.list").asText()).contains("Permission denied");
        assertThat(report.get("proxy_via_current_user.list").asText())
                .contains("failed")
                .contains("alice is not allowed to impersonate bob");
    }

    /**
     * What a SparkSession per session isolates (a temporary function) and what it does not: data
     * cached in one session is in the engine's shared cache, which plans another session's identical
     * query; a global temp view is everyone's.
     */
    @Test
    void sessionsOfOneEngineKeepTheirFunctionsButShareCachedDataAndGlobalViews() throws Exception {
        String first = openSession();
        String second = openSession();
        JsonNode created = run("create temporary function plus_one(x int) returns int return x + 1", first);
        assertThat(state(created)).as(created.toString()).isEqualTo("SUCCEEDED");
        assertThat(run("select plus_one(1)", first).at("/result/data_array/0/0").asInt())
                .isEqualTo(2);
        JsonNode elsewhere = run("select plus_one(1)", second);
        System.out.println("[isolation] temporary function of the first session, called in the second: "
                + elsewhere.at("/status/state").asText() + " "
                + elsewhere.at("/status/error/error_code").asText());
        assertThat(state(elsewhere)).as(elsewhere.toString()).isEqualTo("FAILED");

        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/data/alice/cached.csv");
        try (OutputStream out = fs.create(file)) {
            out.write("n\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8));
        }
        fs.setOwner(file, "alice", "alice");
        String query = "select * from csv.`/data/alice/cached.csv`";

        JsonNode cached = run("cache table cached_in_first as " + query, first);
        assertThat(state(cached)).as(cached.toString()).isEqualTo("SUCCEEDED");
        JsonNode byName = run("select count(*) from cached_in_first", second);
        assertThat(state(byName))
                .as("the cached table's name is the first session's temp view: " + byName)
                .isEqualTo("FAILED");
        // the cache belongs to the SparkContext: the second session's identical query is planned over it
        JsonNode plan = run("explain " + query, second);
        String physical = plan.at("/result/data_array/0/0").asText();
        System.out.println("[isolation] second session's plan of the first session's cached query:\n" + physical);
        assertThat(state(plan)).as(plan.toString()).isEqualTo("SUCCEEDED");
        assertThat(physical).contains("In-memory table cached_in_first", "InMemoryRelation");

        JsonNode global = run("create global temp view shared_by_all as select 42 as answer", first);
        assertThat(state(global)).as(global.toString()).isEqualTo("SUCCEEDED");
        JsonNode seen = run("select answer from global_temp.shared_by_all", second);
        System.out.println("[isolation] global temp view of the first session, read in the second: "
                + seen.at("/status/state").asText() + " " + seen.at("/result/data_array"));
        assertThat(seen.at("/result/data_array/0/0").asInt())
                .as(seen.toString())
                .isEqualTo(42);
    }

    /** A jar of the probe job's classes from this module's test classes, uploaded as an artifact. */
    private static Path probeJar() throws IOException, URISyntaxException {
        URL probe =
                ImpersonationHdfsIT.class.getClassLoader().getResource("io/hearth/dist/probe/IdentityProbeJob.class");
        Path classes = Path.of(probe.toURI()).getParent();
        Path root = classes.getParent().getParent().getParent().getParent();
        Path jar = directory.resolve("identity-probe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(classes)) {
            for (Path file : files.toList()) {
                out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String openSession() {
        HttpResponse<String> response = alice.post("/v1/sessions", "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).get("session_id").asText();
    }

    private static JsonNode run(String sql) {
        return run(alice, sql, null);
    }

    private static JsonNode run(String sql, String sessionId) {
        return run(alice, sql, sessionId);
    }

    private static JsonNode run(TestingHearth user, String sql, String sessionId) {
        String session = sessionId == null ? "" : ", \"session_id\": \"" + sessionId + "\"";
        JsonNode answer = user.submit(
                "{\"statement\": " + RealEngineIT.quote(sql) + ", \"wait_timeout\": \"50s\"" + session + "}");
        return answer.at("/status/state").asText().matches("RUNNING|PENDING")
                ? user.awaitStatement(
                        answer.at("/statement_id").asText(),
                        statement -> statement.at("/status/state").asText().matches("SUCCEEDED|FAILED|CANCELED"),
                        Duration.ofMinutes(3))
                : answer;
    }

    private static JsonNode awaitJob(String id) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            JsonNode job = json(alice.get("/v1/jobs/" + id).body());
            if (job.at("/status/state").asText().matches("SUCCEEDED|FAILED|CANCELED")) {
                return job;
            }
            assertThat(Instant.now()).as("job " + id + " still " + job).isBefore(end);
            Thread.sleep(100);
        }
    }

    private static String state(JsonNode answer) {
        return answer.at("/status/state").asText();
    }
}
