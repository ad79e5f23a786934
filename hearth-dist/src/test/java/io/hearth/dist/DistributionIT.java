package io.hearth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user runs it: bin/hearth server, curl-like requests, the README's flows
 * through bin/hearth (sql, upload, functions, run, session), then SIGTERM.
 */
class DistributionIT {
    private static final Path EXAMPLES_JAR =
            Path.of(System.getProperty("hearth.examples.jar", "../examples/target/hearth-examples-0.1.0-SNAPSHOT.jar"));
    private static final Pattern SERVING = Pattern.compile("Hearth is serving on (http://\\S+) ");

    @TempDir
    Path dataDirectory;

    @Test
    void binHearthServerServesSqlToCurlAndToBinHearthSqlAndStopsItsEnginesOnSigterm() throws Exception {
        Path script = RealEngineIT.DISTRIBUTION.resolve("bin").resolve("hearth");
        assertThat(Files.isExecutable(script)).isTrue();
        try (var lib = Files.list(RealEngineIT.DISTRIBUTION.resolve("lib"))) {
            assertThat(lib.map(jar -> jar.getFileName().toString()))
                    .as("the gateway's classpath: no Spark, no Scala, no test classes")
                    .contains("hearth-server-0.1.0-SNAPSHOT.jar")
                    .noneMatch(name ->
                            name.startsWith("spark-") || name.startsWith("scala-") || name.endsWith("-tests.jar"));
        }
        try (var cli = Files.list(RealEngineIT.DISTRIBUTION.resolve("cli"))) {
            assertThat(cli.map(jar -> jar.getFileName().toString()))
                    .as("the command line's classpath: the client, no gateway, no Spark")
                    .contains("hearth-cli-0.1.0-SNAPSHOT.jar", "hearth-client-0.1.0-SNAPSHOT.jar")
                    .noneMatch(name -> name.startsWith("hearth-server")
                            || name.startsWith("spark-")
                            || name.startsWith("scala-")
                            || name.startsWith("javalin")
                            || name.endsWith("-tests.jar"));
        }
        assertThat(RealEngineIT.DISTRIBUTION.resolve("completion").resolve("hearth.bash"))
                .content()
                .contains("complete -F");
        ProcessBuilder builder = new ProcessBuilder(
                        script.toString(), "server", "--port", "0", "--data-dir", dataDirectory.toString())
                .redirectErrorStream(true);
        builder.environment().put("HEARTH_ENGINE_MASTER", "local[2]");
        builder.environment().put("HEARTH_ENGINE_REGISTRATION_PORT", "0");
        // the HiveServer2 ports are fixed by default: free ones, so parallel builds do not collide
        builder.environment().put("HEARTH_HS2_PORT", "0");
        builder.environment().put("HEARTH_HS2_HTTP_PORT", "0");
        builder.environment().put("HEARTH_FLIGHT_SQL_PORT", "0");
        builder.environment().put("HEARTH_ENGINE_STOP_ON_SHUTDOWN", "true");
        Path logs = dataDirectory.resolve("logs");
        builder.environment().put("HEARTH_LOG_DIR", logs.toString());
        Process gateway = builder.start();
        try {
            String base = awaitServing(gateway);
            HttpClient client = HttpClient.newHttpClient();
            ObjectMapper mapper = new ObjectMapper();

            HttpResponse<String> ready = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            // the API contract, with the distribution's version, and its reference page from lib/
            HttpResponse<String> contract = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(mapper.readTree(contract.body()).at("/info/version").asText())
                    .isEqualTo("0.1.0-SNAPSHOT");
            assertThat(client.send(
                                    HttpRequest.newBuilder(URI.create(base + "/api-docs/swagger-ui-bundle.js"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(200);

            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/statements"))
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"statement\": \"select id, id * 2 as x from range(:n)\", \"parameters\": [{\"name\": \"n\", \"value\": \"100\", \"type\": \"BIGINT\"}], \"wait_timeout\": \"50s\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode statement = mapper.readTree(answer.body());
            assertThat(statement.at("/status/state").asText()).as(answer.body()).isEqualTo("SUCCEEDED");
            assertThat(statement.at("/manifest/total_row_count").asLong()).isEqualTo(100);
            assertThat(statement.at("/result/data_array/99").toString()).isEqualTo("[99,198]");
            // conf/logback.xml puts the audit trail in a file of its own
            assertThat(logs.resolve("audit.log"))
                    .content()
                    .containsPattern("time=\\S+ door=http user=\\S+ remote=127.0.0.1 action=\"POST /v1/statements\""
                            + " resource=- outcome=allowed status=200");

            // the command line, as a user runs it, against the same gateway
            Cli one = cli(script, base, "sql", "select 1 as one");
            assertThat(one.exitCode()).as(one.err()).isZero();
            assertThat(one.out()).isEqualTo(" one\n-----\n   1\n(1 row)\n");
            Cli csv = cli(script, base, "sql", "--format", "csv", "select id, id * 2 as x from range(3)");
            assertThat(csv.out()).isEqualTo("id,x\r\n0,0\r\n1,2\r\n2,4\r\n");
            Cli failed = cli(script, base, "sql", "select * from nope");
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.err()).startsWith("ERROR TABLE_OR_VIEW_NOT_FOUND [42P01]: ");

            // the README's job flow: upload the examples jar, register a job class, run it
            Cli upload = cli(script, base, "upload", "-q", EXAMPLES_JAR.toString());
            assertThat(upload.exitCode()).as(upload.err()).isZero();
            String artifact = upload.out().strip();
            Cli register = cli(
                    script,
                    base,
                    "functions",
                    "register",
                    "--artifact",
                    artifact,
                    "--class",
                    "io.hearth.examples.WordCountJob",
                    "word-count");
            assertThat(register.exitCode()).as(register.err()).isZero();
            Cli words = cli(script, base, "run", "word-count", "text=to be or not to be", "min_count=2");
            assertThat(words.exitCode()).as(words.err()).isZero();
            assertThat(words.out())
                    .isEqualTo(" word | count\n------+-------\n be   |     2\n to   |     2\n(2 rows)\n");
            Cli invalid = cli(script, base, "run", "word-count", "text=x", "min_count=two");
            assertThat(invalid.exitCode()).isEqualTo(2);
            assertThat(invalid.err()).contains("min_count");

            // a session keeps its temp views for its own statements
            Cli session = cli(script, base, "session", "open");
            assertThat(session.exitCode()).as(session.err()).isZero();
            String sessionId = session.out().strip();
            assertThat(cli(script, base, "sql", "--session", sessionId, "create temp view v as select 42 as answer")
                            .exitCode())
                    .isZero();
            assertThat(cli(script, base, "sql", "--session", sessionId, "select answer from v")
                            .out())
                    .contains("42");
            assertThat(cli(script, base, "sql", "select answer from v").exitCode())
                    .as("another session does not see it")
                    .isEqualTo(1);

            JsonNode engines = mapper.readTree(client.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/engines"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            long enginePid = engines.at("/engines/0/pid").asLong();
            assertThat(ProcessHandle.of(enginePid).map(ProcessHandle::isAlive)).contains(true);
            assertThat(Files.readString(dataDirectory
                            .resolve("engines")
                            .resolve(engines.at("/engines/0/engine_id").asText() + ".log")))
                    .contains("serving on 127.0.0.1");

            gateway.destroy(); // SIGTERM: a graceful stop
            assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).isTrue();
            ProcessHandle engine = ProcessHandle.of(enginePid).orElse(null);
            if (engine != null) {
                assertThat(engine.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
            }
            assertThat(Files.isDirectory(dataDirectory.resolve("metadata"))).isTrue();
        } finally {
            gateway.destroyForcibly();
        }
    }

    private Cli cli(Path script, String server, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dataDirectory, "cli", ".out");
        Path err = Files.createTempFile(dataDirectory, "cli", ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("HEARTH_SERVER", server);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/hearth " + String.join(" ", args) + " did not finish");
        }
        return new Cli(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Cli(int exitCode, String out, String err) {}

    private static String awaitServing(Process gateway) throws Exception {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        StringBuilder seen = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = output.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = SERVING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> {}), "gateway-output");
                drain.setDaemon(true);
                drain.start();
                return matcher.group(1);
            }
        }
        throw new AssertionError("the gateway did not start:\n" + seen);
    }
}
