package io.hearth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/hearth server with HEARTH_LOG_FORMAT=json: the distribution's conf/logback.xml writes one
 * JSON object per line, with the request id and user from the MDC as fields.
 */
class LogFormatIT {
    private static final Pattern SERVING = Pattern.compile("Hearth is serving on (http://[^\\s\"]+)");

    @TempDir
    Path dataDirectory;

    @Test
    void jsonLogLinesCarryTheRequestIdAndUserOfTheRequestTheyAreAbout() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                RealEngineIT.DISTRIBUTION.resolve("bin").resolve("hearth").toString(),
                "server",
                "--port",
                "0",
                "--data-dir",
                dataDirectory.toString());
        builder.environment().put("HEARTH_LOG_FORMAT", "json");
        builder.environment().put("HEARTH_ENGINE_REGISTRATION_PORT", "0");
        builder.environment().put("HEARTH_HS2_ENABLED", "false");
        builder.environment().put("HEARTH_FLIGHT_SQL_ENABLED", "false");
        builder.environment()
                .put("HEARTH_LOG_DIR", dataDirectory.resolve("logs").toString());
        builder.redirectError(dataDirectory.resolve("stderr.txt").toFile());
        Process gateway = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(
                () -> {
                    try {
                        new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))
                                .lines()
                                .forEach(lines::add);
                    } catch (UncheckedIOException e) {
                        // the output closes when the gateway is stopped at the end
                    }
                },
                "gateway-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String base = await(lines, line -> {
                        Matcher serving = SERVING.matcher(line);
                        return serving.find() ? Optional.of(serving.group(1)) : Optional.empty();
                    })
                    .orElseThrow();
            HttpResponse<String> token = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/tokens"))
                                    .header("Content-Type", "application/json")
                                    .header("X-Request-Id", "log-format-it-1")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"log format\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
            assertThat(token.headers().firstValue("X-Request-Id")).hasValue("log-format-it-1");

            ObjectMapper mapper = new ObjectMapper();
            String created = await(
                            lines, line -> line.contains("Created API token") ? Optional.of(line) : Optional.empty())
                    .orElseThrow();
            JsonNode event = mapper.readTree(created);
            assertThat(event.get("level").asText()).isEqualTo("INFO");
            assertThat(event.get("logger_name").asText()).isEqualTo("io.hearth.server.auth.TokenService");
            assertThat(event.get("message").asText()).startsWith("Created API token ");
            assertThat(event.get("request_id").asText()).isEqualTo("log-format-it-1");
            assertThat(event.get("user").asText()).isEqualTo(System.getProperty("user.name"));
            assertThat(event.has("@timestamp")).isTrue();
            // every line of the service log is JSON, the start-up lines too; bin/hearth's own "... is serving
            // on ..." lines for people (printed, not logged) are the only others
            int json = 0;
            for (String line : lines) {
                if (line.contains(" is serving on ")) {
                    continue;
                }
                assertThat(mapper.readTree(line).isObject()).as(line).isTrue();
                json++;
            }
            assertThat(json).isGreaterThan(3);
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(60, TimeUnit.SECONDS)) {
                gateway.destroyForcibly().waitFor();
            }
        }
    }

    private interface LineMatch<T> {
        Optional<T> match(String line);
    }

    private static <T> Optional<T> await(List<String> lines, LineMatch<T> match) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                Optional<T> found = match.match(line);
                if (found.isPresent()) {
                    return found;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such line in the gateway's output:\n" + String.join("\n", lines));
    }
}
