package io.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.bench.HearthRestClient.StatementAnswer;
import io.hearth.bench.HearthRestClient.Transfer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.arrow.memory.BufferAllocator;

/** What the benchmark does against a gateway over REST: round trips and complete result fetches. */
final class RestScenarios {
    static final String SELECT_ONE = "select 1";
    /** One row that needs a Spark job on both sides (Hearth answers constant projections without one). */
    static final String SCAN_ONE = "select id from range(1)";

    private static final String WAIT = "50s";
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(10);

    /** One complete fetch: rows and bytes read, time to the statement's success, and time to the last byte. */
    record Fetch(long rows, long bytes, long executeNanos, long totalNanos) {
        double fetchMillis() {
            return (totalNanos - executeNanos) / 1e6;
        }
    }

    private final HearthRestClient client;

    RestScenarios(HearthRestClient client) {
        this.client = client;
    }

    /** One {@code select 1} round trip: submit with a 50 s wait and read its inline row. */
    long selectOne() throws IOException, InterruptedException {
        return oneRow(SELECT_ONE);
    }

    /** One round trip of a one-row query: submit with a 50 s wait and read its inline row. */
    long oneRow(String sql) throws IOException, InterruptedException {
        return oneRowIn(null, sql);
    }

    /** As {@link #oneRow}, in a named context ({@code null}: the default one). */
    long oneRowIn(String context, String sql) throws IOException, InterruptedException {
        long start = System.nanoTime();
        StatementAnswer answer = client.awaitFinished(client.submit(sql, "JSON_ARRAY", WAIT, context), FINISH_TIMEOUT);
        long elapsed = System.nanoTime() - start;
        if (answer.inlineRows() != 1) {
            throw new IOException(sql + " answered " + answer.inlineRows() + " inline rows: " + answer.body());
        }
        return elapsed;
    }

    Samples oneRowRuns(String sql, int warmups, int runs) throws IOException, InterruptedException {
        for (int i = 0; i < warmups; i++) {
            oneRow(sql);
        }
        Samples samples = new Samples();
        for (int i = 0; i < runs; i++) {
            samples.add(oneRow(sql));
        }
        return samples;
    }

    /** A trivial job's round trip and a {@code select 1}'s, measured alternately on one gateway. */
    record JobFigures(Samples job, Samples selectOne) {}

    /**
     * Uploads the examples jar, registers its {@code HelloJob} (no Spark work) and times its warm
     * round trip against {@code select 1}'s, one of each in turn, so both see the same engine state.
     */
    JobFigures jobRuns(Path examplesJar, int warmups, int runs) throws IOException, InterruptedException {
        String artifact = client.uploadArtifact(examplesJar);
        client.registerFunction("hello", artifact, "io.hearth.examples.HelloJob");
        ObjectNode parameters = client.object().put("name", "bench");
        for (int i = 0; i < warmups; i++) {
            hello(parameters);
            selectOne();
        }
        Samples job = new Samples();
        Samples select = new Samples();
        for (int i = 0; i < runs; i++) {
            job.add(hello(parameters));
            select.add(selectOne());
        }
        return new JobFigures(job, select);
    }

    private long hello(JsonNode parameters) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String value = client.runJob("hello", parameters).asText();
        long elapsed = System.nanoTime() - start;
        if (!value.equals("hello, bench")) {
            throw new IOException("the hello job answered " + value);
        }
        return elapsed;
    }

    /** Submits the query in the given format and fetches every chunk, checking that every row arrived. */
    Fetch fetchAll(String sql, String format, long expectedRows, BufferAllocator allocator)
            throws IOException, InterruptedException {
        return fetchAll(sql, format, expectedRows, allocator, FINISH_TIMEOUT);
    }

    /** As above, canceling the statement when it has not finished within the timeout. */
    Fetch fetchAll(String sql, String format, long expectedRows, BufferAllocator allocator, Duration timeout)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        StatementAnswer answer = client.awaitFinished(client.submit(sql, format, WAIT), timeout);
        long executed = System.nanoTime();
        boolean json = format.equals("JSON_ARRAY");
        Transfer read = new Transfer(0, answer.bytes());
        int first = 0;
        if (json && answer.inlineRows() >= 0) {
            read = read.plus(new Transfer(answer.inlineRows(), 0));
            first = 1;
        }
        int chunks = answer.chunkCount();
        for (int chunk = first; chunk < chunks; chunk++) {
            read = read.plus(
                    json
                            ? client.fetchJsonChunk(answer.id(), chunk)
                            : client.fetchArrowChunk(answer.id(), chunk, allocator));
        }
        long finished = System.nanoTime();
        long manifestRows = answer.manifest().path("total_row_count").asLong(-1);
        if (read.rows() != expectedRows || manifestRows != expectedRows) {
            throw new IOException("fetched " + read.rows() + " rows as " + format + " (manifest says " + manifestRows
                    + "), expected " + expectedRows);
        }
        return new Fetch(read.rows(), read.bytes(), executed - start, finished - start);
    }
}
