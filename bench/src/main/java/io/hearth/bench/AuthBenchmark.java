package io.hearth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What authentication costs a request (--scenario auth): the same cheap authenticated call
 * ({@code GET /v1/statements?limit=1}, one store query) on a gateway in development mode (no
 * authentication) and on one with {@code auth.methods=basic,token}, whose users were written by
 * {@code bin/hearth user add} (bcrypt, the CLI's cost): HTTP Basic once the password is verified
 * (the gateway remembers a verified password), a user's first Basic request (a bcrypt check), and
 * an API token (a store lookup and a SHA-256 per request). No engine starts.
 */
final class AuthBenchmark {
    private static final String PATH = "/v1/statements?limit=1";
    private static final String PASSWORD = "bench-password-1";
    private static final int FIRST_REQUEST_USERS = 10;

    private final BenchOptions options;
    private final ResultTable table;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    AuthBenchmark(BenchOptions options, ResultTable table) {
        this.options = options;
        this.table = table;
    }

    void run(Path work, Map<String, String> environment) throws Exception {
        // a fresh gateway JVM per side: enough warm-ups that the JIT has settled on both
        int warmups = options.latencyWarmups() * 50;
        int runs = options.latencyRuns() * 20;
        Samples open;
        HearthBench.progress("auth: a gateway in development mode; " + runs + " requests after " + warmups);
        try (Gateway gateway = Gateway.start(
                options.distribution(),
                work.resolve("gateway-auth-open"),
                environment,
                work.resolve("gateway-auth-open.log"))) {
            // as many requests in all as the other gateway serves (Basic and token alternate there)
            open = measure(gateway.uri(), Optional.empty(), 2 * warmups + runs, runs);
        }

        Path users = work.resolve("auth-users");
        List<String> names = new ArrayList<>();
        names.add("bench");
        for (int i = 0; i < FIRST_REQUEST_USERS; i++) {
            names.add("first-" + i);
        }
        HearthBench.progress("auth: bin/hearth user add, " + names.size() + " users");
        for (String name : names) {
            addUser(options.distribution(), users, name, PASSWORD);
        }
        Map<String, String> secured = new HashMap<>(environment);
        secured.put("HEARTH_AUTH_METHODS", "basic,token");
        secured.put("HEARTH_AUTH_USERS_FILE", users.toString());
        Samples basic;
        Samples firstBasic = new Samples();
        Samples token;
        HearthBench.progress("auth: a gateway with auth.methods=basic,token");
        try (Gateway gateway = Gateway.start(
                options.distribution(), work.resolve("gateway-auth"), secured, work.resolve("gateway-auth.log"))) {
            String bench = basic("bench");
            for (String name : names.subList(1, names.size())) {
                firstBasic.add(timed(gateway.uri(), Optional.of(basic(name))));
            }
            String apiToken = "Bearer " + createToken(gateway.uri(), bench);
            // Basic and the token alternate, so both meet the same JIT and store state
            for (int i = 0; i < warmups; i++) {
                timed(gateway.uri(), Optional.of(bench));
                timed(gateway.uri(), Optional.of(apiToken));
            }
            basic = new Samples();
            token = new Samples();
            for (int i = 0; i < runs; i++) {
                basic.add(timed(gateway.uri(), Optional.of(bench)));
                token.add(timed(gateway.uri(), Optional.of(apiToken)));
            }
        }

        String runsText =
                " (" + runs + " sequential requests after " + warmups + " warm-ups, a fresh gateway each side)";
        table.compare(
                "GET " + PATH + ", HTTP Basic (password verified before) vs no authentication, median" + runsText,
                ResultTable.millis(basic.medianMillis()),
                basic.medianMillis(),
                ResultTable.millis(open.medianMillis()),
                open.medianMillis(),
                Double.NaN);
        table.compare(
                "the same, p99",
                ResultTable.millis(basic.percentileMillis(99)),
                basic.percentileMillis(99),
                ResultTable.millis(open.percentileMillis(99)),
                open.percentileMillis(99),
                Double.NaN);
        table.compare(
                "GET " + PATH + ", API token (Bearer hth_...; alternating with Basic) vs no authentication, median",
                ResultTable.millis(token.medianMillis()),
                token.medianMillis(),
                ResultTable.millis(open.medianMillis()),
                open.medianMillis(),
                Double.NaN);
        table.compare(
                "a user's first HTTP Basic request (bcrypt check) vs no authentication, median of " + firstBasic.count()
                        + " users",
                ResultTable.millis(firstBasic.medianMillis()),
                firstBasic.medianMillis(),
                ResultTable.millis(open.medianMillis()),
                open.medianMillis(),
                Double.NaN);
        table.detail("no authentication: min " + ResultTable.millis(open.minMillis()) + ", median "
                + ResultTable.millis(open.medianMillis()) + ", p99 " + ResultTable.millis(open.percentileMillis(99))
                + "; Basic: min " + ResultTable.millis(basic.minMillis()) + "; token: p99 "
                + ResultTable.millis(token.percentileMillis(99)) + "; first Basic request: min "
                + ResultTable.millis(firstBasic.minMillis()) + ", max "
                + ResultTable.millis(firstBasic.percentileMillis(100)));
    }

    /** Runs {@code bin/hearth user add NAME --file USERS}, the password on stdin, as an operator would. */
    static void addUser(Path distribution, Path users, String name, String password)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        distribution.resolve("bin").resolve("hearth").toString(),
                        "user",
                        "add",
                        name,
                        "--file",
                        users.toString())
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("bin/hearth user add " + name + " failed: " + output);
        }
    }

    private String createToken(URI gateway, String authorization) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(gateway.resolve("/v1/tokens"))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"bench\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("POST /v1/tokens answered " + created.statusCode() + ": " + created.body());
        }
        return mapper.readTree(created.body()).get("token").asText();
    }

    private Samples measure(URI gateway, Optional<String> authorization, int warmups, int runs)
            throws IOException, InterruptedException {
        for (int i = 0; i < warmups; i++) {
            timed(gateway, authorization);
        }
        Samples samples = new Samples();
        for (int i = 0; i < runs; i++) {
            samples.add(timed(gateway, authorization));
        }
        return samples;
    }

    private long timed(URI gateway, Optional<String> authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(PATH));
        authorization.ifPresent(value -> request.header("Authorization", value));
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + PATH + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return elapsed;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
