package io.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How soon a client that submitted without waiting learns that its statement finished (--scenario
 * events): listening on the statement's Server-Sent Events stream against the baseline every REST
 * job server without events leaves clients with, polling {@code GET /v1/statements/{id}} (every
 * 500 ms, Livy's and most clients' pace, and every 100 ms, a client that trades requests for
 * latency). One gateway from the distribution and one real engine; the same statement, measured
 * in turns, from the POST until the client knows the statement SUCCEEDED.
 */
final class EventsBenchmark {
    /** Long enough that finishing is not instant, short enough for many runs: ~0.3 s on 2 cores. */
    private static final String STATEMENT = "select sum(id * 3) as s from range(30000000)";

    private final BenchOptions options;
    private final ResultTable table;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    EventsBenchmark(BenchOptions options, ResultTable table) {
        this.options = options;
        this.table = table;
    }

    void run(Path work, Map<String, String> environment) throws Exception {
        int runs = Math.max(10, options.latencyRuns() / 2);
        Samples sse = new Samples();
        Samples poll500 = new Samples();
        Samples poll100 = new Samples();
        Samples waiting = new Samples();
        long polls500 = 0;
        long polls100 = 0;
        try (Gateway gateway = Gateway.start(
                options.distribution(),
                work.resolve("gateway-events"),
                environment,
                work.resolve("gateway-events.log"))) {
            URI uri = gateway.uri();
            HearthBench.progress("events: engine start and " + options.latencyWarmups() + " warm-ups");
            for (int i = 0; i < Math.max(3, options.latencyWarmups() / 4); i++) {
                submitAndWait(uri);
                viaSse(uri, submit(uri));
            }
            HearthBench.progress("events: " + runs + " runs of each way of learning the end");
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                viaSse(uri, submit(uri));
                sse.add(System.nanoTime() - start);

                start = System.nanoTime();
                polls500 += viaPolling(uri, submit(uri), Duration.ofMillis(500));
                poll500.add(System.nanoTime() - start);

                start = System.nanoTime();
                polls100 += viaPolling(uri, submit(uri), Duration.ofMillis(100));
                poll100.add(System.nanoTime() - start);

                start = System.nanoTime();
                submitAndWait(uri);
                waiting.add(System.nanoTime() - start);
            }
        }
        String what = "`" + STATEMENT
                + "`, submitted with wait_timeout 0s; until the client knows it SUCCEEDED, median of " + runs;
        table.compare(
                what + ": SSE (GET /v1/statements/{id}/events) vs polling every 500 ms",
                ResultTable.millis(sse.medianMillis()),
                sse.medianMillis(),
                ResultTable.millis(poll500.medianMillis()),
                poll500.medianMillis(),
                Double.NaN);
        table.compare(
                "the same, SSE vs polling every 100 ms",
                ResultTable.millis(sse.medianMillis()),
                sse.medianMillis(),
                ResultTable.millis(poll100.medianMillis()),
                poll100.medianMillis(),
                Double.NaN);
        table.compare(
                "the same, SSE vs one POST that waits for the result (wait_timeout 30s, the synchronous way)",
                ResultTable.millis(sse.medianMillis()),
                sse.medianMillis(),
                ResultTable.millis(waiting.medianMillis()),
                waiting.medianMillis(),
                Double.NaN);
        table.detail(String.format(
                "events: p90 SSE %s, polling 500 ms %s, polling 100 ms %s, waiting POST %s; GET requests per statement:"
                        + " SSE 1 (one stream), polling 500 ms %.1f, polling 100 ms %.1f",
                ResultTable.millis(sse.p90Millis()),
                ResultTable.millis(poll500.p90Millis()),
                ResultTable.millis(poll100.p90Millis()),
                ResultTable.millis(waiting.p90Millis()),
                polls500 / (double) runs,
                polls100 / (double) runs));
    }

    private String submit(URI gateway) throws IOException, InterruptedException {
        JsonNode answer = post(gateway, "{\"statement\": \"" + STATEMENT + "\", \"wait_timeout\": \"0s\"}");
        return answer.get("statement_id").asText();
    }

    private void submitAndWait(URI gateway) throws IOException, InterruptedException {
        JsonNode answer = post(gateway, "{\"statement\": \"" + STATEMENT + "\", \"wait_timeout\": \"30s\"}");
        requireSucceeded(
                answer.at("/status/state").asText(), answer.get("statement_id").asText());
    }

    /** Reads the statement's event stream until its terminal event. */
    private void viaSse(URI gateway, String id) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(
                HttpRequest.newBuilder(gateway.resolve("/v1/statements/" + id + "/events"))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IOException("GET /v1/statements/" + id + "/events answered " + response.statusCode());
        }
        try (Stream<String> lines = response.body()) {
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.startsWith("event:")) {
                    String type = line.substring("event:".length()).trim();
                    if (type.equals("SUCCEEDED") || type.equals("FAILED") || type.equals("CANCELED")) {
                        requireSucceeded(type, id);
                        return;
                    }
                }
            }
        }
        throw new IOException("the event stream of " + id + " ended without a terminal event");
    }

    /** Polls until the statement finished; returns how many GETs it took. */
    private int viaPolling(URI gateway, String id, Duration interval) throws IOException, InterruptedException {
        for (int polls = 1; ; polls++) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(gateway.resolve("/v1/statements/" + id))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String state = mapper.readTree(response.body()).at("/status/state").asText();
            if (!state.equals("PENDING") && !state.equals("RUNNING")) {
                requireSucceeded(state, id);
                return polls;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private JsonNode post(URI gateway, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(gateway.resolve("/v1/statements"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IOException("POST /v1/statements answered " + response.statusCode() + ": " + response.body());
        }
        return mapper.readTree(response.body());
    }

    private static void requireSucceeded(String state, String id) throws IOException {
        if (!state.equals("SUCCEEDED")) {
            throw new IOException("statement " + id + " ended " + state);
        }
    }
}
