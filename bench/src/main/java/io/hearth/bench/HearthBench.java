package io.hearth.bench;

import io.hearth.bench.RestScenarios.Fetch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Measures Hearth and its baseline side by side in one run: a gateway started from the distribution
 * (REST, engine in its own JVM) against the same SQL on a SparkSession in this JVM, and the engine's
 * cold start against a bare SparkSubmit of an empty application. Prints a table; optionally writes
 * it as markdown for docs/benchmarks.md.
 */
public final class HearthBench {
    private static final int HEAP_SAMPLE_MILLIS = 250;

    private final BenchOptions options;
    private final Path work;
    private final ResultTable table = new ResultTable();

    private HearthBench(BenchOptions options) {
        this.options = options;
        this.work = options.workDirectory();
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.workDirectory() == null) {
            options = options.withWorkDirectory(Files.createTempDirectory("hearth-bench-"));
        }
        Files.createDirectories(options.workDirectory());
        new HearthBench(options).run();
    }

    private void run() throws Exception {
        Instant began = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadBefore = loadAverage();
        progress("work directory " + work);

        if (options.scenario().equals("jobs")) {
            runJobsOnly(began, loadBefore);
            return;
        }
        if (options.scenario().equals("startup")) {
            addStartupRows(measureStartup());
            table.detail(runDetail(began, loadBefore));
            print("Hearth benchmark: an engine's full cold start vs a late-bound standby engine");
            return;
        }
        if (options.scenario().equals("auth")) {
            new AuthBenchmark(options, table).run(work, gatewayEnvironment("-Xmx1g"));
            table.detail(runDetail(began, loadBefore));
            print("Hearth benchmark: what authentication costs a request (no engine)");
            return;
        }
        if (options.scenario().equals("jdbc")) {
            new JdbcBenchmark(options, table).run(work, gatewayEnvironment("-Xmx1g"));
            table.detail(runDetail(began, loadBefore));
            print("Hearth benchmark: HiveServer2 over JDBC, Hearth vs Spark Thrift Server (the baseline column)");
            return;
        }
        if (options.scenario().equals("events")) {
            new EventsBenchmark(options, table).run(work, gatewayEnvironment("-Xmx1g"));
            table.detail(runDetail(began, loadBefore));
            print("Hearth benchmark: how soon a client learns its statement finished, SSE vs polling (the baseline)");
            return;
        }
        if (options.scenario().equals("console")) {
            new ConsoleBenchmark(options, table).run(work, gatewayEnvironment("-Xmx1g"));
            table.detail(runDetail(began, loadBefore));
            print(
                    "Hearth benchmark: the web console's first paint and readiness vs the bundled Swagger UI (the baseline)");
            return;
        }
        if (options.scenario().equals("pool")) {
            new PoolBenchmark(options, table).run(work, gatewayEnvironment("-Xmx1g"));
            table.detail(runDetail(began, loadBefore));
            print("Hearth benchmark: the engine pool (warm-pool acquire; concurrent clients on a shared engine)");
            return;
        }
        GatewayFigures standard = measureStandardGateway();
        LargeFigures large = measureBoundedGateway();
        BaselineFigures baseline = measureInProcess();
        Samples bareReady = new Samples();
        Samples bareExit = new Samples();
        for (int i = 0; i < options.coldStartRuns(); i++) {
            progress("bare SparkSubmit of EmptySparkApp, run " + (i + 1));
            BareSparkSubmit.Result bare = BareSparkSubmit.run(
                    options.distribution(),
                    options.benchJar(),
                    options.master(),
                    work.resolve("spark-submit-" + i + ".log"));
            bareReady.add(bare.readyNanos());
            bareExit.add(bare.exitNanos());
        }
        EngineStartup.Figures startup = measureStartup();
        String loadAfter = loadAverage();

        fillTable(standard, large, baseline, bareReady, bareExit);
        addStartupRows(startup);
        table.detail("Run " + began + " - " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "; "
                + Runtime.getRuntime().availableProcessors() + " cores; Java " + System.getProperty("java.version")
                + "; master " + options.master() + "; load average before " + loadBefore + ", after " + loadAfter
                + (options.note().isBlank() ? "" : "; " + options.note()));
        print("Hearth benchmark (Hearth over REST vs the same work in-process)");
    }

    private void print(String title) throws IOException {
        System.out.println();
        System.out.println(title);
        System.out.println();
        System.out.print(table.text());
        if (options.markdownFile().isPresent()) {
            Path file = options.markdownFile().get();
            Files.writeString(file, table.markdown(), StandardCharsets.UTF_8);
            progress("markdown written to " + file);
        }
        progress("logs and data in " + work);
    }

    private record GatewayFigures(
            double gatewayStartMillis,
            EngineColdStart.Result cold,
            Samples selectOne,
            Samples scanOne,
            RestScenarios.JobFigures jobs,
            Samples arrowTotal,
            Samples arrowExecute,
            Fetch arrowLast,
            Samples jsonTotal,
            Samples jsonExecute,
            Fetch jsonLast,
            OptionalLong peakRssKib) {}

    /** One large fetch: {@code fetch} is null when it failed, and {@code failure} says why. */
    private record LargeRun(
            String format,
            Fetch fetch,
            String failure,
            double peakHeapUsedMib,
            double peakHeapCommittedMib,
            int samples) {}

    private record LargeFigures(
            double gatewayStartMillis,
            EngineColdStart.Result cold,
            List<LargeRun> runs,
            boolean aliveAfter,
            boolean outOfMemory,
            boolean engineOutOfMemory,
            OptionalLong peakRssKib) {}

    private record BaselineFigures(double sessionMillis, Samples selectOne, Samples scanOne, Samples collect) {}

    private GatewayFigures measureStandardGateway() throws Exception {
        progress("starting a gateway (-Xmx1g, engine " + options.master() + ")");
        try (Gateway gateway = Gateway.start(
                        options.distribution(),
                        work.resolve("gateway-default"),
                        gatewayEnvironment("-Xmx1g"),
                        work.resolve("gateway-default.log"));
                BufferAllocator allocator = new RootAllocator()) {
            HearthRestClient client = new HearthRestClient(gateway.uri());
            RestScenarios rest = new RestScenarios(client);
            progress("gateway serving on " + gateway.uri() + "; first select 1 (starts the engine)");
            EngineColdStart.Result cold = EngineColdStart.measure(client, rest);
            progress("select 1: " + options.latencyWarmups() + " warm-ups, " + options.latencyRuns() + " runs");
            Samples selectOne =
                    rest.oneRowRuns(RestScenarios.SELECT_ONE, options.latencyWarmups(), options.latencyRuns());
            progress(RestScenarios.SCAN_ONE + ": " + options.latencyWarmups() + " warm-ups, " + options.latencyRuns()
                    + " runs");
            Samples scanOne = rest.oneRowRuns(RestScenarios.SCAN_ONE, options.latencyWarmups(), options.latencyRuns());
            RestScenarios.JobFigures jobs = measureJobs(rest);
            Samples arrowTotal = new Samples();
            Samples arrowExecute = new Samples();
            Samples jsonTotal = new Samples();
            Samples jsonExecute = new Samples();
            progress(options.transferRows() + " rows as ARROW_STREAM and JSON_ARRAY, alternating: "
                    + options.transferWarmups() + " warm-ups and " + options.transferRuns() + " runs of each");
            for (int i = 0; i < options.transferWarmups(); i++) {
                rest.fetchAll(transferSql(), "ARROW_STREAM", options.transferRows(), allocator);
                rest.fetchAll(transferSql(), "JSON_ARRAY", options.transferRows(), allocator);
            }
            Fetch arrowLast = null;
            Fetch jsonLast = null;
            // alternating, so neither format gets the engine's later, better-compiled runs
            for (int i = 0; i < options.transferRuns(); i++) {
                arrowLast = rest.fetchAll(transferSql(), "ARROW_STREAM", options.transferRows(), allocator);
                arrowTotal.add(arrowLast.totalNanos());
                arrowExecute.add(arrowLast.executeNanos());
                jsonLast = rest.fetchAll(transferSql(), "JSON_ARRAY", options.transferRows(), allocator);
                jsonTotal.add(jsonLast.totalNanos());
                jsonExecute.add(jsonLast.executeNanos());
            }
            saveMetrics(gateway, work.resolve("gateway-default-metrics.txt"));
            return new GatewayFigures(
                    gateway.startMillis(),
                    cold,
                    selectOne,
                    scanOne,
                    jobs,
                    arrowTotal,
                    arrowExecute,
                    arrowLast,
                    jsonTotal,
                    jsonExecute,
                    jsonLast,
                    gateway.peakRssKib());
        }
    }

    private RestScenarios.JobFigures measureJobs(RestScenarios rest) throws Exception {
        progress("HelloJob (a function job without Spark work) and select 1, alternating: " + options.latencyWarmups()
                + " warm-ups and " + options.latencyRuns() + " runs of each");
        return rest.jobRuns(options.examplesJar(), options.latencyWarmups(), options.latencyRuns());
    }

    private EngineStartup.Figures measureStartup() throws Exception {
        progress("engine start-up: " + options.startupRuns() + " full cold starts and " + options.startupRuns()
                + " late binds, alternating (engines driven over the engine protocol)");
        Path directory = Files.createDirectories(work.resolve("startup"));
        try (EngineStartup startup =
                new EngineStartup(options.distribution(), options.master(), directory, HearthBench::progress)) {
            return startup.measure(options.startupRuns());
        }
    }

    /** Late binding's target: bind plus the first select 1 in at most half a full cold start. */
    private void addStartupRows(EngineStartup.Figures startup) {
        String runs = " (median of " + options.startupRuns() + ")";
        table.compare(
                "late-bound standby engine (BindEngine + first select 1) vs full cold start (launch to first select 1)"
                        + runs,
                ResultTable.millis(startup.lateBound().medianMillis()),
                startup.lateBound().medianMillis(),
                ResultTable.millis(startup.cold().medianMillis()),
                startup.cold().medianMillis(),
                0.5);
        table.detail("Engine start-up: full cold start min "
                + ResultTable.millis(startup.cold().minMillis())
                + ", median " + ResultTable.millis(startup.cold().medianMillis()) + ", max "
                + ResultTable.millis(startup.cold().percentileMillis(100)) + " (launch to registered, median "
                + ResultTable.millis(startup.coldRegistered().medianMillis()) + "); late-bound min "
                + ResultTable.millis(startup.lateBound().minMillis()) + ", median "
                + ResultTable.millis(startup.lateBound().medianMillis()) + ", max "
                + ResultTable.millis(startup.lateBound().percentileMillis(100)) + " (the bind alone, median "
                + ResultTable.millis(startup.bind().medianMillis()) + "); a standby engine's launch to registered,"
                + " off the critical path, median "
                + ResultTable.millis(startup.standbyRegistered().medianMillis()));
    }

    private String runDetail(Instant began, String loadBefore) {
        return "Run " + began + " - " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "; "
                + Runtime.getRuntime().availableProcessors() + " cores; Java " + System.getProperty("java.version")
                + "; master " + options.master() + "; load average before " + loadBefore + ", after "
                + loadAverage() + (options.note().isBlank() ? "" : "; " + options.note());
    }

    /** The job round trip alone (--scenario jobs): one gateway, no baselines. */
    private void runJobsOnly(Instant began, String loadBefore) throws Exception {
        progress("starting a gateway (-Xmx1g, engine " + options.master() + ")");
        RestScenarios.JobFigures jobs;
        try (Gateway gateway = Gateway.start(
                options.distribution(),
                work.resolve("gateway-jobs"),
                gatewayEnvironment("-Xmx1g"),
                work.resolve("gateway-jobs.log"))) {
            HearthRestClient client = new HearthRestClient(gateway.uri());
            RestScenarios rest = new RestScenarios(client);
            EngineColdStart.measure(client, rest);
            jobs = measureJobs(rest);
        }
        addJobRows(jobs, " (" + options.latencyRuns() + " runs after " + options.latencyWarmups() + " warm-ups)");
        table.detail(runDetail(began, loadBefore));
        print("Hearth benchmark: the job model's cost (a trivial function job vs select 1, same gateway)");
    }

    /** The job model's target: a trivial job costs at most 5 ms more than a trivial statement. */
    private void addJobRows(RestScenarios.JobFigures jobs, String runs) {
        double difference = jobs.job().medianMillis() - jobs.selectOne().medianMillis();
        table.compare(
                "trivial function job (HelloJob) warm round trip vs select 1, median, alternating" + runs,
                ResultTable.millis(jobs.job().medianMillis()),
                jobs.job().medianMillis(),
                ResultTable.millis(jobs.selectOne().medianMillis()),
                jobs.selectOne().medianMillis(),
                Double.NaN);
        table.compare(
                "trivial function job vs select 1, p90",
                ResultTable.millis(jobs.job().p90Millis()),
                jobs.job().p90Millis(),
                ResultTable.millis(jobs.selectOne().p90Millis()),
                jobs.selectOne().p90Millis(),
                Double.NaN);
        table.figure(
                "job model overhead: job median minus select 1 median",
                ResultTable.millis(difference),
                "<= 5 ms",
                difference <= 5.0 ? "yes" : "no");
        table.detail("HelloJob: min " + ResultTable.millis(jobs.job().minMillis()) + ", median "
                + ResultTable.millis(jobs.job().medianMillis()) + ", p90 "
                + ResultTable.millis(jobs.job().p90Millis())
                + "; select 1 on the same gateway: min "
                + ResultTable.millis(jobs.selectOne().minMillis())
                + ", median " + ResultTable.millis(jobs.selectOne().medianMillis()) + ", p90 "
                + ResultTable.millis(jobs.selectOne().p90Millis()));
    }

    private LargeFigures measureBoundedGateway() throws Exception {
        progress("starting a second gateway with " + options.largeGatewayJavaOptions());
        try (Gateway gateway = Gateway.start(
                        options.distribution(),
                        work.resolve("gateway-bounded"),
                        boundedGatewayEnvironment(),
                        work.resolve("gateway-bounded.log"));
                BufferAllocator allocator = new RootAllocator()) {
            HearthRestClient client = new HearthRestClient(gateway.uri());
            RestScenarios rest = new RestScenarios(client);
            EngineColdStart.Result cold = EngineColdStart.measure(client, rest);
            List<LargeRun> runs = new ArrayList<>();
            for (String format : List.of("ARROW_STREAM", "JSON_ARRAY")) {
                progress(options.largeRows() + " rows as " + format + " through the bounded gateway");
                Optional<HeapSampler> sampler = HeapSampler.start(gateway.pid(), HEAP_SAMPLE_MILLIS);
                Fetch fetch = null;
                String failure = null;
                try {
                    fetch = rest.fetchAll(
                            largeSql(),
                            format,
                            options.largeRows(),
                            allocator,
                            java.time.Duration.ofSeconds(options.largeTimeoutSeconds()));
                } catch (IOException e) {
                    failure = e.getMessage();
                    progress(format + " failed: " + failure);
                } finally {
                    if (sampler.isPresent()) {
                        sampler.get().close();
                    }
                }
                runs.add(new LargeRun(
                        format,
                        fetch,
                        failure,
                        sampler.map(HeapSampler::peakUsedMib).orElse(Double.NaN),
                        sampler.map(HeapSampler::peakCommittedMib).orElse(Double.NaN),
                        sampler.map(HeapSampler::samples).orElse(0)));
            }
            boolean serving;
            try {
                rest.selectOne();
                serving = gateway.isAlive();
            } catch (IOException e) {
                progress("select 1 after the large fetches failed: " + e.getMessage());
                serving = false;
            }
            saveMetrics(gateway, work.resolve("gateway-bounded-metrics.txt"));
            return new LargeFigures(
                    gateway.startMillis(),
                    cold,
                    runs,
                    serving,
                    gateway.loggedOutOfMemory(),
                    enginesLoggedOutOfMemory(work.resolve("gateway-bounded").resolve("engines")),
                    gateway.peakRssKib());
        }
    }

    private BaselineFigures measureInProcess() {
        progress("in-process SparkSession (" + options.master() + ") in the bench JVM");
        long start = System.nanoTime();
        try (InProcessSpark spark = new InProcessSpark(options.master())) {
            double sessionMillis = (System.nanoTime() - start) / 1e6;
            Samples selectOne = oneRowRuns(spark, RestScenarios.SELECT_ONE);
            Samples scanOne = oneRowRuns(spark, RestScenarios.SCAN_ONE);
            // as many runs of the query before measuring as the engine had (a warm-up per format)
            for (int i = 0; i < 2 * options.transferWarmups(); i++) {
                check(spark.collect(transferSql()), options.transferRows());
            }
            Samples collect = new Samples();
            for (int i = 0; i < options.transferRuns(); i++) {
                long begin = System.nanoTime();
                long rows = spark.collect(transferSql());
                collect.add(System.nanoTime() - begin);
                check(rows, options.transferRows());
            }
            return new BaselineFigures(sessionMillis, selectOne, scanOne, collect);
        }
    }

    private Samples oneRowRuns(InProcessSpark spark, String sql) {
        for (int i = 0; i < options.latencyWarmups(); i++) {
            spark.collect(sql);
        }
        Samples samples = new Samples();
        for (int i = 0; i < options.latencyRuns(); i++) {
            long begin = System.nanoTime();
            long rows = spark.collect(sql);
            samples.add(System.nanoTime() - begin);
            check(rows, 1);
        }
        return samples;
    }

    private void fillTable(
            GatewayFigures hearth, LargeFigures large, BaselineFigures baseline, Samples bareReady, Samples bareExit) {
        String latencyRuns = " (" + options.latencyRuns() + " runs after " + options.latencyWarmups() + " warm-ups)";
        table.compare(
                "select 1 warm round trip, median" + latencyRuns,
                ResultTable.millis(hearth.selectOne().medianMillis()),
                hearth.selectOne().medianMillis(),
                ResultTable.millis(baseline.selectOne().medianMillis()),
                baseline.selectOne().medianMillis(),
                1.10);
        table.compare(
                "select 1 warm round trip, p90",
                ResultTable.millis(hearth.selectOne().p90Millis()),
                hearth.selectOne().p90Millis(),
                ResultTable.millis(baseline.selectOne().p90Millis()),
                baseline.selectOne().p90Millis(),
                Double.NaN);
        table.compare(
                RestScenarios.SCAN_ONE + " (a Spark job on both sides) warm round trip, median" + latencyRuns,
                ResultTable.millis(hearth.scanOne().medianMillis()),
                hearth.scanOne().medianMillis(),
                ResultTable.millis(baseline.scanOne().medianMillis()),
                baseline.scanOne().medianMillis(),
                Double.NaN);
        addJobRows(hearth.jobs(), latencyRuns);
        String rows = String.format(java.util.Locale.ROOT, "%,d", options.transferRows());
        String transferRuns =
                " (median of " + options.transferRuns() + " after " + options.transferWarmups() + " warm-ups)";
        table.compare(
                rows + " rows x 3 fetched as ARROW_STREAM vs collectAsList" + transferRuns,
                ResultTable.millis(hearth.arrowTotal().medianMillis()),
                hearth.arrowTotal().medianMillis(),
                ResultTable.millis(baseline.collect().medianMillis()),
                baseline.collect().medianMillis(),
                1.0);
        table.compare(
                rows + " rows x 3 fetched as JSON_ARRAY vs collectAsList",
                ResultTable.millis(hearth.jsonTotal().medianMillis()),
                hearth.jsonTotal().medianMillis(),
                ResultTable.millis(baseline.collect().medianMillis()),
                baseline.collect().medianMillis(),
                Double.NaN);
        String largeRows = String.format(java.util.Locale.ROOT, "%,d", options.largeRows());
        boolean bounded = large.aliveAfter() && !large.outOfMemory();
        String engineMemory = options.largeEngineMemory().isBlank()
                ? "default engine memory"
                : "engine " + options.largeEngineMemory();
        for (LargeRun run : large.runs()) {
            String figure = run.fetch() == null
                    ? "FAILED: " + run.failure()
                    : ResultTable.millis(run.fetch().totalNanos() / 1e6);
            table.figure(
                    largeRows + " rows as " + run.format() + " via a " + options.largeGatewayJavaOptions()
                            + " gateway (" + engineMemory + ")",
                    figure + "; gateway peak heap used " + ResultTable.mib(run.peakHeapUsedMib()),
                    "completes, no OOM",
                    bounded && run.fetch() != null && !large.engineOutOfMemory() ? "yes" : "NO");
        }
        double bareReadyMillis = bareReady.medianMillis();
        String bare = ResultTable.millis(bareReadyMillis) + " (SparkSession built)";
        table.compare(
                "engine cold start: first select 1 on a fresh gateway vs bare SparkSubmit",
                ResultTable.millis(hearth.cold().firstSelectNanos() / 1e6),
                hearth.cold().firstSelectNanos() / 1e6,
                bare,
                bareReadyMillis,
                Double.NaN);
        if (!Double.isNaN(hearth.cold().startedToReadyMillis())) {
            table.compare(
                    "engine cold start: engine started_at to ready (seen in /v1/engines) vs bare SparkSubmit",
                    ResultTable.millis(hearth.cold().startedToReadyMillis()),
                    hearth.cold().startedToReadyMillis(),
                    bare,
                    bareReadyMillis,
                    Double.NaN);
        }
        table.compare(
                "engine cold start, second gateway (" + options.largeGatewayJavaOptions() + "): first select 1",
                ResultTable.millis(large.cold().firstSelectNanos() / 1e6),
                large.cold().firstSelectNanos() / 1e6,
                bare,
                bareReadyMillis,
                Double.NaN);

        table.detail("select 1 over REST: min "
                + ResultTable.millis(hearth.selectOne().minMillis()) + ", median "
                + ResultTable.millis(hearth.selectOne().medianMillis()) + ", p90 "
                + ResultTable.millis(hearth.selectOne().p90Millis()) + "; in-process: min "
                + ResultTable.millis(baseline.selectOne().minMillis()) + ", median "
                + ResultTable.millis(baseline.selectOne().medianMillis()) + ", p90 "
                + ResultTable.millis(baseline.selectOne().p90Millis()));
        table.detail(transferDetail("ARROW_STREAM", hearth.arrowTotal(), hearth.arrowExecute(), hearth.arrowLast()));
        table.detail(transferDetail("JSON_ARRAY", hearth.jsonTotal(), hearth.jsonExecute(), hearth.jsonLast()));
        table.detail("In-process collectAsList of " + rows + " rows: median "
                + ResultTable.millis(baseline.collect().medianMillis()) + ", min "
                + ResultTable.millis(baseline.collect().minMillis()) + "; building the in-process SparkSession took "
                + ResultTable.millis(baseline.sessionMillis()));
        for (LargeRun run : large.runs()) {
            Fetch fetch = run.fetch();
            String heap = "gateway heap peak used " + ResultTable.mib(run.peakHeapUsedMib()) + ", peak committed "
                    + ResultTable.mib(run.peakHeapCommittedMib()) + " (jstat, " + run.samples() + " samples every "
                    + HEAP_SAMPLE_MILLIS + " ms)";
            if (fetch == null) {
                table.detail(largeRows + " rows as " + run.format() + ": FAILED (" + run.failure() + "); " + heap);
                continue;
            }
            table.detail(largeRows + " rows as " + run.format() + ": "
                    + String.format(java.util.Locale.ROOT, "%,d", fetch.rows())
                    + " rows and " + ResultTable.mib(fetch.bytes() / 1048576.0) + " read in "
                    + ResultTable.millis(fetch.totalNanos() / 1e6) + " (statement succeeded after "
                    + ResultTable.millis(fetch.executeNanos() / 1e6) + ", chunk fetches "
                    + ResultTable.millis(fetch.fetchMillis()) + "); " + heap);
        }
        table.detail("Bounded gateway (" + options.largeGatewayJavaOptions() + "): "
                + (large.aliveAfter() ? "still serving afterwards" : "NOT alive afterwards")
                + (large.outOfMemory() ? ", OutOfMemoryError in its log" : ", no OutOfMemoryError in its log")
                + (large.engineOutOfMemory() ? "; its ENGINE logged an OutOfMemoryError" : "; its engine logged none")
                + "; peak RSS (VmHWM) " + rss(large.peakRssKib()) + "; the -Xmx1g gateway's peak RSS "
                + rss(hearth.peakRssKib()));
        table.detail("Cold start: first select 1 "
                + ResultTable.millis(hearth.cold().firstSelectNanos() / 1e6)
                + " (engine first seen " + hearth.cold().engineState() + " "
                + (hearth.cold().requestToReadyNanos() < 0
                        ? "never"
                        : ResultTable.millis(hearth.cold().requestToReadyNanos() / 1e6) + " after the request")
                + "); bare SparkSubmit: SparkSession built after " + ResultTable.millis(bareReady.medianMillis())
                + ", process exited after " + ResultTable.millis(bareExit.medianMillis()) + " (median of "
                + bareReady.count() + "); gateway JVM start to serving: "
                + ResultTable.millis(hearth.gatewayStartMillis()) + " / "
                + ResultTable.millis(large.gatewayStartMillis()));
    }

    private String transferDetail(String format, Samples total, Samples execute, Fetch last) {
        return options.transferRows() + " rows as " + format + ": median " + ResultTable.millis(total.medianMillis())
                + " of which submit-to-SUCCEEDED (run in the engine, streamed to the gateway, stored) "
                + ResultTable.millis(execute.medianMillis()) + "; "
                + ResultTable.mib(last.bytes() / 1048576.0) + " over HTTP per fetch";
    }

    private static String rss(OptionalLong kib) {
        return kib.isPresent() ? ResultTable.mib(kib.getAsLong() / 1024.0) : "n/a";
    }

    private Map<String, String> gatewayEnvironment(String javaOptions) {
        // each run's engines stop with its gateway, on a port of their own (runs must not meet)
        return Map.of(
                "HEARTH_JAVA_OPTS",
                javaOptions,
                "HEARTH_ENGINE_MASTER",
                options.master(),
                "HEARTH_ENGINE_STOP_ON_SHUTDOWN",
                "true",
                "HEARTH_ENGINE_REGISTRATION_PORT",
                "0");
    }

    private Map<String, String> boundedGatewayEnvironment() {
        Map<String, String> environment =
                new java.util.HashMap<>(gatewayEnvironment(options.largeGatewayJavaOptions()));
        if (!options.largeEngineMemory().isBlank()) {
            environment.put("HEARTH_ENGINE_DRIVER_MEMORY", options.largeEngineMemory());
        }
        return environment;
    }

    private static boolean enginesLoggedOutOfMemory(Path engineLogs) throws IOException {
        if (!Files.isDirectory(engineLogs)) {
            return false;
        }
        try (var logs = Files.list(engineLogs)) {
            for (Path log : logs.toList()) {
                try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                    if (lines.anyMatch(line -> line.contains("java.lang.OutOfMemoryError"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private String transferSql() {
        return rangeSql(options.transferRows());
    }

    private String largeSql() {
        return rangeSql(options.largeRows());
    }

    static String rangeSql(long rows) {
        return "select id, id*2 as x, cast(id as string) as s from range(" + rows + ")";
    }

    private static void check(long rows, long expected) {
        if (rows != expected) {
            throw new IllegalStateException("collected " + rows + " rows, expected " + expected);
        }
    }

    private static void saveMetrics(Gateway gateway, Path file) {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpResponse<Path> response = http.send(
                    java.net.http.HttpRequest.newBuilder(gateway.uri().resolve("/metrics"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() != 200) {
                progress("GET /metrics answered " + response.statusCode());
            }
        } catch (IOException e) {
            progress("could not save /metrics: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8)
                    .split(" ");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static void progress(String message) {
        System.err.println("[hearth-bench " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }
}
