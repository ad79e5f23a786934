package io.hearth.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The engine pool scenario (--scenario pool) on one gateway from the distribution: acquiring from a
 * warm pool, and several clients at once on one shared engine. Adds its rows to the table.
 */
final class PoolBenchmark {
    private static final String SELECT = RestScenarios.SELECT_ONE;
    /** Statements on the assigned (shared) engine before each claim, so both series see the same moments. */
    private static final int ASSIGNED_PER_RUN = 5;
    /** Statements per client once, all at once, before the measured concurrent run. */
    private static final int CONCURRENT_WARMUPS_EACH = 5;

    private final BenchOptions options;
    private final ResultTable table;

    PoolBenchmark(BenchOptions options, ResultTable table) {
        this.options = requireNonNull(options, "options is null");
        this.table = requireNonNull(table, "table is null");
    }

    void run(Path work, Map<String, String> gatewayEnvironment) throws Exception {
        HearthBench.progress("starting a gateway for the pool scenario (-Xmx1g, engines " + options.master() + ")");
        PoolScenarios.AcquireFigures acquire;
        PoolScenarios.ConcurrencyFigures concurrency;
        String loadStart = HearthBench.loadAverage();
        String loadAfterAcquire;
        try (Gateway gateway = Gateway.start(
                options.distribution(),
                work.resolve("gateway-pool"),
                gatewayEnvironment,
                work.resolve("gateway-pool.log"))) {
            PoolScenarios pool = new PoolScenarios(gateway.uri());
            pool.defineContexts(options.master());
            HearthBench.progress("contexts " + PoolScenarios.WARM_CONTEXT + " (CONNECTION, min_idle "
                    + PoolScenarios.MIN_IDLE + ") and " + PoolScenarios.SHARED_CONTEXT
                    + " (SERVER) defined; starting the shared engine and " + options.latencyWarmups()
                    + " warm-ups on it (the warm engines start meanwhile)");
            pool.warmUpShared(options.latencyWarmups());
            HearthBench.progress(options.poolAcquireRuns() + " statements claiming a warm engine, each after the pool"
                    + " refilled (an engine JVM start each), " + ASSIGNED_PER_RUN
                    + " on the shared engine before each");
            acquire = pool.acquireRuns(options.poolAcquireRuns(), ASSIGNED_PER_RUN);
            loadAfterAcquire = HearthBench.loadAverage();
            HearthBench.progress(options.poolClients() * options.poolStatements() + " " + SELECT
                    + " by 1 client, then " + options.poolClients() + " clients x " + options.poolStatements()
                    + " at once, on the shared engine");
            concurrency = pool.concurrentRuns(options.poolClients(), options.poolStatements(), CONCURRENT_WARMUPS_EACH);
        }
        String loadEnd = HearthBench.loadAverage();
        addAcquireRows(acquire);
        addConcurrencyRows(concurrency);
        table.detail("Load average (1/5/15 min) at the pool gateway's start " + loadStart
                + ", after the warm-pool runs " + loadAfterAcquire + ", at the end " + loadEnd);
    }

    private void addAcquireRows(PoolScenarios.AcquireFigures figures) {
        Samples claimed = figures.claimed();
        Samples assigned = figures.assigned();
        double difference = claimed.medianMillis() - assigned.medianMillis();
        String runs = " (" + claimed.count() + (claimed.count() == 1 ? " claim; " : " claims; ") + assigned.count()
                + " on the assigned engine, " + ASSIGNED_PER_RUN + " before each claim)";
        table.compare(
                SELECT + " claiming a warm engine (CONNECTION, min_idle " + PoolScenarios.MIN_IDLE
                        + ") vs on an assigned engine (SERVER), median" + runs,
                ResultTable.millis(claimed.medianMillis()),
                claimed.medianMillis(),
                ResultTable.millis(assigned.medianMillis()),
                assigned.medianMillis(),
                Double.NaN);
        table.compare(
                SELECT + " claiming a warm engine vs on an assigned engine, p90",
                ResultTable.millis(claimed.p90Millis()),
                claimed.p90Millis(),
                ResultTable.millis(assigned.p90Millis()),
                assigned.p90Millis(),
                Double.NaN);
        table.figure(
                "acquire from the warm pool: claiming median minus assigned median",
                ResultTable.millis(difference),
                "<= 50 ms",
                difference <= 50.0 ? "yes" : "NO");
        table.detail("Warm-pool claims, each in ms in the order run: " + list(claimed) + "; " + figures.claimedWarm()
                + " of " + claimed.count() + " landed on an engine that was warm and unassigned just before; "
                + SELECT + " on the assigned SERVER engine: min " + ResultTable.millis(assigned.minMillis())
                + ", median " + ResultTable.millis(assigned.medianMillis()) + ", p90 "
                + ResultTable.millis(assigned.p90Millis()));
        table.detail("The difference includes: admission, finding no engine of the statement's new CONNECTION key,"
                + " claiming a warm engine (assigning the key, one store write) and the claimed engine's first"
                + " statement for a client (a warm engine ran one warm-up statement over the protocol before it"
                + " counted as IDLE; its replacement starts a second after the claim, so usually after this"
                + " statement). Stopping the claimed engine begins when its statement ends.");
        table.detail("Refill (from each claim's answer until " + PoolScenarios.MIN_IDLE
                + " warm engines were IDLE and none starting or stopping): median "
                + ResultTable.millis(figures.refill().medianMillis()) + ", max "
                + ResultTable.millis(figures.refill().percentileMillis(100)));
    }

    private void addConcurrencyRows(PoolScenarios.ConcurrencyFigures figures) {
        int clients = figures.clients();
        int total = clients * figures.statementsEach();
        String shape = clients + " clients x " + figures.statementsEach() + " " + SELECT + " vs 1 client x " + total
                + " on one SERVER engine (max_concurrent_per_engine " + PoolScenarios.MAX_CONCURRENT_PER_ENGINE + ")";
        table.compare(
                shape + ", throughput",
                rate(figures.concurrentPerSecond()),
                figures.concurrentPerSecond(),
                rate(figures.sequentialPerSecond()),
                figures.sequentialPerSecond(),
                Double.NaN);
        table.compare(
                clients + " clients vs 1 client, latency per statement, p50",
                ResultTable.millis(figures.concurrent().medianMillis()),
                figures.concurrent().medianMillis(),
                ResultTable.millis(figures.sequential().medianMillis()),
                figures.sequential().medianMillis(),
                Double.NaN);
        table.compare(
                clients + " clients vs 1 client, latency per statement, p99",
                ResultTable.millis(figures.concurrent().percentileMillis(99)),
                figures.concurrent().percentileMillis(99),
                ResultTable.millis(figures.sequential().percentileMillis(99)),
                figures.sequential().percentileMillis(99),
                Double.NaN);
        table.detail(clients + " clients: " + total + " statements in "
                + ResultTable.millis(figures.concurrentWallNanos() / 1e6) + " (after " + CONCURRENT_WARMUPS_EACH
                + " each at once as a warm-up), at most " + figures.peakRunning()
                + " seen running on the engine at once (GET /v1/engines every 100 ms); 1 client: " + total + " in "
                + ResultTable.millis(figures.sequentialWallNanos() / 1e6) + "; latency min "
                + ResultTable.millis(figures.concurrent().minMillis()) + " / "
                + ResultTable.millis(figures.sequential().minMillis()) + ", p90 "
                + ResultTable.millis(figures.concurrent().p90Millis()) + " / "
                + ResultTable.millis(figures.sequential().p90Millis()));
        table.detail("The " + clients + " clients are one principal (there is no authentication yet), so this"
                + " measures the pool's concurrency on one shared engine, not fairness between users; bench"
                + " clients, gateway and engine share the same "
                + Runtime.getRuntime().availableProcessors()
                + " cores.");
    }

    private static String rate(double perSecond) {
        return ResultTable.format(perSecond, 1) + " statements/s";
    }

    private static String list(Samples samples) {
        return samples.millis().stream()
                .map(value -> String.format(Locale.ROOT, "%.1f", value))
                .collect(Collectors.joining(", "));
    }
}
