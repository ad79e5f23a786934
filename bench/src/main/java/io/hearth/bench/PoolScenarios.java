package io.hearth.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine pool over REST, on one gateway: a statement that claims a warm engine against one on
 * an engine already assigned to its key, and several clients at once on one shared engine against
 * one client alone.
 */
final class PoolScenarios {
    /** Share level CONNECTION with warm engines: every ad-hoc statement claims one of them. */
    static final String WARM_CONTEXT = "warm";
    /** Share level SERVER, one engine: every statement lands on the same, already assigned engine. */
    static final String SHARED_CONTEXT = "shared";

    static final int MIN_IDLE = 2;
    static final int MAX_CONCURRENT_PER_ENGINE = 8;

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration REFILL_LIMIT = Duration.ofMinutes(5);

    /**
     * @param claimed each measured statement that claimed a warm engine
     * @param assigned statements on the shared engine, the same number before each claim
     * @param refill from each claim's answer until the pool was back at min-idle with nothing starting or
     *     stopping
     * @param claimedWarm how many claims landed on an engine that was warm and unassigned just before
     */
    record AcquireFigures(Samples claimed, Samples assigned, Samples refill, int claimedWarm) {}

    /**
     * @param concurrent every statement's round trip with all clients at once
     * @param concurrentWallNanos from the start gate to the last client's last answer
     * @param sequential the same statements by one client
     * @param peakRunning the most statements seen running on the shared engine at once (GET /v1/engines)
     */
    record ConcurrencyFigures(
            int clients,
            int statementsEach,
            Samples concurrent,
            long concurrentWallNanos,
            Samples sequential,
            long sequentialWallNanos,
            int peakRunning) {
        double concurrentPerSecond() {
            return concurrent.count() / (concurrentWallNanos / 1e9);
        }

        double sequentialPerSecond() {
            return sequential.count() / (sequentialWallNanos / 1e9);
        }
    }

    private final URI base;
    private final HearthRestClient client;
    private final RestScenarios rest;

    PoolScenarios(URI base) {
        this.base = requireNonNull(base, "base is null");
        this.client = new HearthRestClient(base);
        this.rest = new RestScenarios(client);
    }

    /** Defines the two contexts; the warm one starts its warm engines at once. */
    void defineContexts(String master) throws IOException, InterruptedException {
        client.createContext(client.object()
                .put("name", WARM_CONTEXT)
                .put("share_level", "CONNECTION")
                .put("min_idle", MIN_IDLE)
                .put("max_engines", MIN_IDLE + 2)
                .put("master", master)
                .put("start_timeout", "5m"));
        client.createContext(client.object()
                .put("name", SHARED_CONTEXT)
                .put("share_level", "SERVER")
                .put("max_engines", 1)
                .put("max_concurrent_per_engine", MAX_CONCURRENT_PER_ENGINE)
                .put("master", master)
                .put("start_timeout", "5m"));
    }

    /** Starts the shared engine (the first statement launches it) and warms its statement path. */
    void warmUpShared(int warmups) throws IOException, InterruptedException {
        rest.oneRowIn(SHARED_CONTEXT, RestScenarios.SELECT_ONE);
        for (int i = 0; i < warmups; i++) {
            rest.oneRowIn(SHARED_CONTEXT, RestScenarios.SELECT_ONE);
        }
    }

    /**
     * Before each run, waits until the warm context has {@link #MIN_IDLE} IDLE unassigned engines and
     * no engine is starting or stopping (so no JVM start or stop competes), runs {@code assignedPerRun}
     * statements on the shared engine, then one in the warm context.
     */
    AcquireFigures acquireRuns(int runs, int assignedPerRun) throws IOException, InterruptedException {
        Samples claimed = new Samples();
        Samples assigned = new Samples();
        Samples refill = new Samples();
        int claimedWarm = 0;
        Set<String> warm = awaitSettledPool();
        for (int i = 0; i < runs; i++) {
            for (int j = 0; j < assignedPerRun; j++) {
                assigned.add(rest.oneRowIn(SHARED_CONTEXT, RestScenarios.SELECT_ONE));
            }
            claimed.add(rest.oneRowIn(WARM_CONTEXT, RestScenarios.SELECT_ONE));
            long answered = System.nanoTime();
            if (claimedOneOf(warm)) {
                claimedWarm++;
            }
            warm = awaitSettledPool();
            refill.add(System.nanoTime() - answered);
        }
        return new AcquireFigures(claimed, assigned, refill, claimedWarm);
    }

    /**
     * One client runs {@code clients * statementsEach} statements on the shared engine one after the
     * other; then {@code clients} clients (each its own HTTP client and thread) run {@code statementsEach}
     * each, all at once.
     */
    ConcurrencyFigures concurrentRuns(int clients, int statementsEach, int warmupsEach)
            throws IOException, InterruptedException {
        int total = clients * statementsEach;
        Samples sequential = new Samples();
        long sequentialStart = System.nanoTime();
        for (int i = 0; i < total; i++) {
            sequential.add(rest.oneRowIn(SHARED_CONTEXT, RestScenarios.SELECT_ONE));
        }
        long sequentialWall = System.nanoTime() - sequentialStart;

        ExecutorService threads = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger peakRunning = new AtomicInteger();
        Thread watcher = new Thread(() -> watchRunning(peakRunning), "shared-engine-watcher");
        watcher.setDaemon(true);
        try {
            if (warmupsEach > 0) {
                runClients(threads, clients, warmupsEach); // the gateway's concurrent paths, once
            }
            watcher.start();
            long start = System.nanoTime();
            List<Samples> each = runClients(threads, clients, statementsEach);
            long wall = System.nanoTime() - start;
            Samples concurrent = new Samples();
            each.forEach(concurrent::addAll);
            return new ConcurrencyFigures(
                    clients, statementsEach, concurrent, wall, sequential, sequentialWall, peakRunning.get());
        } finally {
            watcher.interrupt();
            watcher.join(5_000);
            threads.shutdownNow();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private List<Samples> runClients(ExecutorService threads, int clients, int statementsEach)
            throws IOException, InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Samples>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            RestScenarios own = new RestScenarios(new HearthRestClient(base));
            futures.add(threads.submit(() -> {
                gate.await();
                Samples samples = new Samples();
                for (int i = 0; i < statementsEach; i++) {
                    samples.add(own.oneRowIn(SHARED_CONTEXT, RestScenarios.SELECT_ONE));
                }
                return samples;
            }));
        }
        gate.countDown();
        List<Samples> results = new ArrayList<>();
        for (Future<Samples> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                throw new IOException(
                        "a concurrent client failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return results;
    }

    private void watchRunning(AtomicInteger peak) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (JsonNode engine : client.engines().path("engines")) {
                    if (SHARED_CONTEXT.equals(engine.path("context").asText())) {
                        peak.accumulateAndGet(engine.path("running_statements").asInt(0), Math::max);
                    }
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the watcher only adds a detail; the measurement stands without it
        }
    }

    /** Whether one of these (warm, unassigned) engines now has a subject: the statement claimed it. */
    private boolean claimedOneOf(Set<String> warm) throws IOException, InterruptedException {
        for (JsonNode engine : client.engines().path("engines")) {
            if (warm.contains(engine.path("engine_id").asText()) && !isUnassigned(engine)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Polls GET /v1/engines until the warm context has {@link #MIN_IDLE} IDLE engines without a
     * subject and no engine is STARTING or STOPPING; returns those warm engines' ids.
     */
    private Set<String> awaitSettledPool() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + REFILL_LIMIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = client.engines();
            Set<String> warm = new HashSet<>();
            boolean moving = false;
            for (JsonNode engine : last.path("engines")) {
                String state = engine.path("state").asText();
                moving |= state.equals("STARTING") || state.equals("STOPPING");
                if (WARM_CONTEXT.equals(engine.path("context").asText())
                        && state.equals("IDLE")
                        && isUnassigned(engine)) {
                    warm.add(engine.path("engine_id").asText());
                }
            }
            if (!moving && warm.size() >= MIN_IDLE) {
                return warm;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new IOException("the warm context did not get back to " + MIN_IDLE + " idle engines within "
                + REFILL_LIMIT.toSeconds() + " s; engines: " + last);
    }

    private static boolean isUnassigned(JsonNode engine) {
        JsonNode subject = engine.path("subject");
        return subject.isNull() || subject.isMissingNode();
    }
}
