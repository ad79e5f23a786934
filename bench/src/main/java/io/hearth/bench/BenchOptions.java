package io.hearth.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What one benchmark run measures and where, parsed from the command line. */
record BenchOptions(
        Path distribution,
        Path workDirectory,
        Optional<Path> markdownFile,
        Path benchJar,
        String master,
        int latencyWarmups,
        int latencyRuns,
        int transferWarmups,
        int transferRuns,
        long transferRows,
        long largeRows,
        String largeGatewayJavaOptions,
        String largeEngineMemory,
        int largeTimeoutSeconds,
        int coldStartRuns,
        String note,
        Path examplesJar,
        String scenario,
        int startupRuns,
        int poolAcquireRuns,
        int poolClients,
        int poolStatements,
        Path stsLib,
        Path jdbcDrivers,
        int jdbcLatencyRuns,
        String jdbcSides) {

    static final String USAGE = String.join(
            "\n",
            "usage: HearthBench --distribution DIR [options]",
            "  --distribution DIR        the assembled distribution (hearth-dist/target/hearth)",
            "  --work-dir DIR            data directories and logs (default: a new temporary folder)",
            "  --markdown FILE           also write the results as a markdown fragment to FILE",
            "  --bench-jar FILE          the hearth-bench jar (the application jar of EmptySparkApp)",
            "  --master MASTER           Spark master for engines and baselines (default local[*])",
            "  --latency-warmups N       select 1 warm-ups (default 20)",
            "  --latency-runs N          select 1 measured runs (default 50)",
            "  --transfer-warmups N      warm-ups of the 1M-row fetches, each format (default 2)",
            "  --transfer-runs N         measured 1M-row fetches, each format (default 5)",
            "  --transfer-rows N         rows of the transfer query (default 1000000)",
            "  --large-rows N            rows of the bounded-heap query (default 10000000)",
            "  --large-java-opts OPTS    JVM options of the bounded-heap gateway (default -Xmx256m)",
            "  --large-engine-memory SIZE  engine.driver-memory of that gateway's engine (default: Hearth's default)",
            "  --large-timeout SECONDS   give up on (and cancel) a large query after this long (default 300)",
            "  --cold-start-runs N       bare SparkSubmit runs (default 2)",
            "  --note TEXT               a line about the conditions of the run, printed with the results",
            "  --examples-jar FILE       the hearth-examples jar (its HelloJob is the trivial job measured)",
            "  --startup-runs N          engine start-up runs, each a full cold start and a late-bound one (default 3)",
            "  --scenario all|jobs|startup|pool|auth|jdbc|events|console  everything (default), only the job round trip vs select 1,",
            "                            only an engine's full cold start vs a late-bound standby engine,",
            "                            only the engine pool (warm-pool acquire, concurrent clients), only",
            "                            what authentication costs a request (basic, API token vs none), or",
            "                            Hearth's HiveServer2 and Flight SQL ports vs Spark Thrift Server over JDBC, or",
            "                            how soon a client learns a statement finished: SSE vs polling, or",
            "                            the web console's first paint in Chromium vs the bundled Swagger UI",
            "  --pool-acquire-runs N     statements claiming a warm engine, each after a refill (default 4)",
            "  --pool-clients N          concurrent clients on the shared engine (default 8)",
            "  --pool-statements N       statements per concurrent client (default 50)",
            "  --sts-lib DIR             Spark Thrift Server's jars (bench/sts-peer/target/lib), for --scenario jdbc",
            "  --jdbc-drivers DIR        the JDBC driver jars (bench/target/jdbc-drivers), for --scenario jdbc",
            "  --jdbc-latency-runs N     select 1 measured runs over JDBC (default 200)",
            "  --jdbc-sides both|sts|hearth  the servers --scenario jdbc measures (default both)");

    static BenchOptions parse(String[] args) {
        Path distribution = null;
        Path workDirectory = null;
        Path markdown = null;
        Path benchJar = null;
        String master = "local[*]";
        int latencyWarmups = 20;
        int latencyRuns = 50;
        int transferWarmups = 2;
        int transferRuns = 5;
        long transferRows = 1_000_000;
        long largeRows = 10_000_000;
        String largeJavaOptions = "-Xmx256m";
        String largeEngineMemory = "";
        int largeTimeoutSeconds = 300;
        int coldStartRuns = 2;
        String note = "";
        Path examplesJar = null;
        String scenario = "all";
        int startupRuns = 3;
        int poolAcquireRuns = 4;
        int poolClients = 8;
        int poolStatements = 50;
        Path stsLib = null;
        Path jdbcDrivers = null;
        int jdbcLatencyRuns = 200;
        String jdbcSides = "both";
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--distribution" -> distribution = Path.of(value);
                case "--work-dir" -> workDirectory = Path.of(value);
                case "--markdown" -> markdown = Path.of(value);
                case "--bench-jar" -> benchJar = Path.of(value);
                case "--master" -> master = value;
                case "--latency-warmups" -> latencyWarmups = atLeast(name, value, 0);
                case "--latency-runs" -> latencyRuns = atLeast(name, value, 1);
                case "--transfer-warmups" -> transferWarmups = atLeast(name, value, 0);
                case "--transfer-runs" -> transferRuns = atLeast(name, value, 1);
                case "--transfer-rows" -> transferRows = atLeast(name, value, 1L);
                case "--large-rows" -> largeRows = atLeast(name, value, 1L);
                case "--large-java-opts" -> largeJavaOptions = value;
                case "--large-engine-memory" -> largeEngineMemory = value;
                case "--large-timeout" -> largeTimeoutSeconds = atLeast(name, value, 1);
                case "--cold-start-runs" -> coldStartRuns = atLeast(name, value, 1);
                case "--note" -> note = value;
                case "--startup-runs" -> startupRuns = atLeast(name, value, 1);
                case "--examples-jar" -> examplesJar = Path.of(value);
                case "--scenario" -> {
                    if (!List.of("all", "jobs", "startup", "pool", "auth", "jdbc", "events", "console")
                            .contains(value)) {
                        throw new IllegalArgumentException(
                                "--scenario must be all, jobs, startup, pool, auth, jdbc, events or console\n" + USAGE);
                    }
                    scenario = value;
                }
                case "--pool-acquire-runs" -> poolAcquireRuns = atLeast(name, value, 1);
                case "--pool-clients" -> poolClients = atLeast(name, value, 1);
                case "--pool-statements" -> poolStatements = atLeast(name, value, 1);
                case "--sts-lib" -> stsLib = Path.of(value);
                case "--jdbc-drivers" -> jdbcDrivers = Path.of(value);
                case "--jdbc-latency-runs" -> jdbcLatencyRuns = atLeast(name, value, 1);
                case "--jdbc-sides" -> {
                    if (!List.of("both", "sts", "hearth").contains(value)) {
                        throw new IllegalArgumentException("--jdbc-sides must be both, sts or hearth\n" + USAGE);
                    }
                    jdbcSides = value;
                }
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if (distribution == null
                || !Files.isExecutable(distribution.resolve("bin").resolve("hearth"))) {
            throw new IllegalArgumentException("--distribution must name a folder holding bin/hearth\n" + USAGE);
        }
        if (benchJar == null || !Files.isRegularFile(benchJar)) {
            throw new IllegalArgumentException("--bench-jar must name the hearth-bench jar\n" + USAGE);
        }
        if (examplesJar == null || !Files.isRegularFile(examplesJar)) {
            throw new IllegalArgumentException("--examples-jar must name the hearth-examples jar\n" + USAGE);
        }
        if (scenario.equals("jdbc") && (stsLib == null || jdbcDrivers == null)) {
            throw new IllegalArgumentException("--scenario jdbc needs --sts-lib and --jdbc-drivers\n" + USAGE);
        }
        return new BenchOptions(
                distribution.toAbsolutePath().normalize(),
                workDirectory == null ? null : workDirectory.toAbsolutePath(),
                Optional.ofNullable(markdown),
                benchJar.toAbsolutePath(),
                master,
                latencyWarmups,
                latencyRuns,
                transferWarmups,
                transferRuns,
                transferRows,
                largeRows,
                largeJavaOptions,
                largeEngineMemory,
                largeTimeoutSeconds,
                coldStartRuns,
                note,
                examplesJar.toAbsolutePath(),
                scenario,
                startupRuns,
                poolAcquireRuns,
                poolClients,
                poolStatements,
                stsLib == null ? null : stsLib.toAbsolutePath(),
                jdbcDrivers == null ? null : jdbcDrivers.toAbsolutePath(),
                jdbcLatencyRuns,
                jdbcSides);
    }

    BenchOptions withWorkDirectory(Path directory) {
        return new BenchOptions(
                distribution,
                directory,
                markdownFile,
                benchJar,
                master,
                latencyWarmups,
                latencyRuns,
                transferWarmups,
                transferRuns,
                transferRows,
                largeRows,
                largeGatewayJavaOptions,
                largeEngineMemory,
                largeTimeoutSeconds,
                coldStartRuns,
                note,
                examplesJar.toAbsolutePath(),
                scenario,
                startupRuns,
                poolAcquireRuns,
                poolClients,
                poolStatements,
                stsLib,
                jdbcDrivers,
                jdbcLatencyRuns,
                jdbcSides);
    }

    private static int atLeast(String name, String value, int minimum) {
        long parsed = atLeast(name, value, (long) minimum);
        if (parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too large: " + value);
        }
        return (int) parsed;
    }

    private static long atLeast(String name, String value, long minimum) {
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + value, e);
        }
        if (parsed < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
        }
        return parsed;
    }
}
