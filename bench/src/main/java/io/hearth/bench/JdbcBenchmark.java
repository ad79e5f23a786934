package io.hearth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code --scenario jdbc}: Hearth's HiveServer2 front door against Spark's own Thrift Server 3.5 (the reference
 * peer, {@link StsPeer}), both reached through the same client, the Apache Hive JDBC driver: warm {@code select 1}
 * latency, a full fetch of a million rows, and several connections at once; plus the same million rows through
 * the Arrow Flight SQL JDBC driver against Hearth's Flight SQL port. Each side runs alone on the machine (the
 * peer is stopped before the gateway starts).
 */
final class JdbcBenchmark {
    static final String USER = "bench";
    static final String PASSWORD = "bench-password";
    private static final String SMALL_QUERY = RestScenarios.SELECT_ONE;

    private final BenchOptions options;
    private final ResultTable table;

    JdbcBenchmark(BenchOptions options, ResultTable table) {
        this.options = options;
        this.table = table;
    }

    /** What one server gave: {@code failure} is set (and the figures empty) when the side could not be measured. */
    private record Figures(
            String server,
            double startMillis,
            Samples selectOne,
            Samples fetch,
            double perSecond,
            Samples concurrent,
            Optional<Samples> flightFetch,
            Optional<String> failure) {
        static Figures failed(String server, String failure) {
            return new Figures(
                    server,
                    Double.NaN,
                    new Samples(),
                    new Samples(),
                    Double.NaN,
                    new Samples(),
                    Optional.empty(),
                    Optional.of(failure));
        }
    }

    void run(Path work, Map<String, String> gatewayEnvironment) throws Exception {
        IsolatedJdbcDriver hive = IsolatedJdbcDriver.load(
                options.jdbcDrivers(), "hive-jdbc-*-standalone.jar", "org.apache.hive.jdbc.HiveDriver");
        Figures peer = options.jdbcSides().equals("hearth") ? null : measurePeer(work, hive);
        Figures hearth = options.jdbcSides().equals("sts") ? null : measureHearth(work, gatewayEnvironment, hive);
        fill(hearth, peer, hive);
    }

    private Figures measurePeer(Path work, IsolatedJdbcDriver hive) throws Exception {
        HearthBench.progress(
                "starting Spark Thrift Server (" + options.master() + ", -Xmx2g) from " + options.stsLib());
        try (StsPeer sts =
                StsPeer.start(options.stsLib(), work.resolve("sts-peer"), options.master(), List.of("-Xmx2g"))) {
            String server = "Spark Thrift Server " + sts.sparkVersion();
            HearthBench.progress(
                    server + " serving on port " + sts.port() + " after " + ResultTable.millis(sts.startMillis()));
            String url = "jdbc:hive2://127.0.0.1:" + sts.port() + "/default";
            return measure(server, sts.startMillis(), hive, url, Optional.empty());
        }
    }

    private Figures measureHearth(Path work, Map<String, String> gatewayEnvironment, IsolatedJdbcDriver hive)
            throws Exception {
        Path users = Files.createDirectories(work.resolve("jdbc-gateway")).resolve("users");
        AuthBenchmark.addUser(options.distribution(), users, USER, PASSWORD);
        int hs2Port = StsPeer.freePort();
        int flightPort = StsPeer.freePort();
        Map<String, String> environment = new HashMap<>(gatewayEnvironment);
        // the front doors' settings (hs2.port, flight-sql.port) and the users they check passwords against
        environment.put("HEARTH_HS2_PORT", String.valueOf(hs2Port));
        environment.put("HEARTH_FLIGHT_SQL_PORT", String.valueOf(flightPort));
        environment.put("HEARTH_AUTH_METHODS", "basic");
        environment.put("HEARTH_AUTH_USERS_FILE", users.toString());
        HearthBench.progress("starting a gateway (-Xmx1g, engine " + options.master() + "), HiveServer2 on port "
                + hs2Port + ", Flight SQL on port " + flightPort);
        try (Gateway gateway = Gateway.start(
                options.distribution(), work.resolve("jdbc-gateway"), environment, work.resolve("jdbc-gateway.log"))) {
            String url = "jdbc:hive2://127.0.0.1:" + hs2Port + "/default";
            String flightUrl = "jdbc:arrow-flight-sql://127.0.0.1:" + flightPort + "/?useEncryption=false";
            return measure("Hearth", gateway.startMillis(), hive, url, Optional.of(flightUrl));
        } catch (IOException | SQLException | RuntimeException e) {
            HearthBench.progress("Hearth's side failed: " + e);
            return Figures.failed("Hearth", e.toString());
        }
    }

    private Figures measure(
            String server, double startMillis, IsolatedJdbcDriver hive, String url, Optional<String> flightUrl)
            throws Exception {
        try (Connection connection = hive.connect(url, USER, PASSWORD)) {
            DatabaseMetaData meta = connection.getMetaData();
            HearthBench.progress(server + ": " + meta.getDatabaseProductName() + " "
                    + meta.getDatabaseProductVersion() + " via " + meta.getDriverName() + " "
                    + meta.getDriverVersion());
            HearthBench.progress(server + ": select 1, " + options.latencyWarmups() + " warm-ups (the first starts"
                    + " an engine where there is none yet) and " + options.jdbcLatencyRuns() + " runs");
            for (int i = 0; i < options.latencyWarmups(); i++) {
                timedSmallQuery(connection);
            }
            Samples selectOne = new Samples();
            for (int i = 0; i < options.jdbcLatencyRuns(); i++) {
                selectOne.add(timedSmallQuery(connection));
            }
            HearthBench.progress(server + ": " + options.transferRows() + " rows, " + options.transferWarmups()
                    + " warm-ups and " + options.transferRuns() + " runs");
            Samples fetch = fetchRuns(connection);
            HearthBench.progress(server + ": " + options.poolClients() + " connections x " + options.poolStatements()
                    + " " + SMALL_QUERY);
            Samples concurrent = new Samples();
            double perSecond = concurrentRuns(hive, url, concurrent);
            Optional<Samples> flight = Optional.empty();
            if (flightUrl.isPresent()) {
                flight = Optional.of(flightFetchRuns(flightUrl.get()));
            }
            return new Figures(server, startMillis, selectOne, fetch, perSecond, concurrent, flight, Optional.empty());
        }
    }

    private Samples fetchRuns(Connection connection) throws SQLException {
        for (int i = 0; i < options.transferWarmups(); i++) {
            timedFetch(connection);
        }
        Samples samples = new Samples();
        for (int i = 0; i < options.transferRuns(); i++) {
            samples.add(timedFetch(connection));
        }
        return samples;
    }

    private Samples flightFetchRuns(String url) throws IOException, SQLException {
        IsolatedJdbcDriver flight = IsolatedJdbcDriver.load(
                options.jdbcDrivers(),
                "flight-sql-jdbc-driver-*.jar",
                "org.apache.arrow.driver.jdbc.ArrowFlightJdbcDriver");
        HearthBench.progress("Hearth: " + options.transferRows() + " rows through " + flight.jarName() + ", "
                + options.transferWarmups() + " warm-ups and " + options.transferRuns() + " runs");
        try (Connection connection = flight.connect(url, USER, PASSWORD)) {
            return fetchRuns(connection);
        }
    }

    private static long timedSmallQuery(Connection connection) throws SQLException {
        long begin = System.nanoTime();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SMALL_QUERY)) {
            if (!rows.next() || rows.getInt(1) != 1) {
                throw new SQLException(SMALL_QUERY + " did not answer 1");
            }
        }
        return System.nanoTime() - begin;
    }

    /** Every row read, every column taken out of the driver: what a client copying the result pays. */
    private long timedFetch(Connection connection) throws SQLException {
        long begin = System.nanoTime();
        long count = 0;
        long sum = 0;
        long characters = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(HearthBench.rangeSql(options.transferRows()))) {
            while (rows.next()) {
                rows.getLong(1);
                sum += rows.getLong(2);
                characters += rows.getString(3).length();
                count++;
            }
        }
        long elapsed = System.nanoTime() - begin;
        long rows = options.transferRows();
        if (count != rows || sum != rows * (rows - 1) || characters == 0) {
            throw new SQLException("fetched " + count + " rows (x summing to " + sum + "), expected " + rows);
        }
        return elapsed;
    }

    /** Connections opened before the clock starts; each runs its queries back to back. Returns queries/s. */
    private double concurrentRuns(IsolatedJdbcDriver hive, String url, Samples latencies) throws Exception {
        int clients = options.poolClients();
        int each = options.poolStatements();
        List<Connection> connections = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "bench-jdbc-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int c = 0; c < clients; c++) {
                connections.add(hive.connect(url, USER, PASSWORD));
            }
            runClients(threads, connections, Math.min(each, 5), new Samples()); // each connection's paths, once
            long begin = System.nanoTime();
            runClients(threads, connections, each, latencies);
            long wall = System.nanoTime() - begin;
            return clients * (double) each / (wall / 1e9);
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(30, TimeUnit.SECONDS);
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static void runClients(ExecutorService threads, List<Connection> connections, int each, Samples all)
            throws InterruptedException, ExecutionException {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Samples>> futures = new ArrayList<>();
        for (Connection connection : connections) {
            Callable<Samples> client = () -> {
                gate.await();
                Samples samples = new Samples();
                for (int i = 0; i < each; i++) {
                    samples.add(timedSmallQuery(connection));
                }
                return samples;
            };
            futures.add(threads.submit(client));
        }
        gate.countDown();
        for (Future<Samples> future : futures) {
            all.addAll(future.get());
        }
    }

    private void fill(Figures hearth, Figures peer, IsolatedJdbcDriver hive) {
        String runs = " (" + options.jdbcLatencyRuns() + " runs after " + options.latencyWarmups() + " warm-ups)";
        String rows = String.format(Locale.ROOT, "%,d", options.transferRows());
        String transferRuns =
                " (median of " + options.transferRuns() + " after " + options.transferWarmups() + " warm-ups)";
        String concurrency = options.poolClients() + " connections x " + options.poolStatements() + " select 1";
        row(
                "select 1 warm round trip over Hive JDBC, p50" + runs,
                hearth,
                peer,
                f -> f.selectOne().medianMillis());
        row(
                "select 1 warm round trip over Hive JDBC, p99",
                hearth,
                peer,
                f -> f.selectOne().percentileMillis(99));
        row(
                rows + " rows x 3 fetched over Hive JDBC" + transferRuns,
                hearth,
                peer,
                f -> f.fetch().medianMillis());
        if (hearth != null && hearth.flightFetch().isPresent() && peer != null) {
            Samples flight = hearth.flightFetch().get();
            table.compare(
                    rows + " rows x 3: Hearth over Flight SQL JDBC vs the peer over Hive JDBC",
                    ResultTable.millis(flight.medianMillis()),
                    flight.medianMillis(),
                    ResultTable.millis(peer.fetch().medianMillis()),
                    peer.fetch().medianMillis(),
                    Double.NaN);
        } else if (hearth != null && hearth.flightFetch().isPresent()) {
            table.figure(
                    rows + " rows x 3 over Flight SQL JDBC",
                    ResultTable.millis(hearth.flightFetch().get().medianMillis()),
                    "-",
                    "-");
        }
        rateRow(concurrency + ", throughput (higher is better)", hearth, peer);
        row(concurrency + ", latency p50", hearth, peer, f -> f.concurrent().medianMillis());
        row(concurrency + ", latency p99", hearth, peer, f -> f.concurrent().percentileMillis(99));
        row(
                "server start to serving (gateway: no engine yet; peer: SparkContext up)",
                hearth,
                peer,
                Figures::startMillis);

        table.detail("Client: the Apache Hive JDBC driver " + hive.jarName()
                + " (default fetch size), each driver in a class loader of its own; user " + USER
                + " with a password (SASL PLAIN)");
        for (Figures figures : new Figures[] {hearth, peer}) {
            if (figures == null) {
                continue;
            }
            if (figures.failure().isPresent()) {
                table.detail(figures.server() + ": NOT MEASURED ("
                        + figures.failure().get() + ")");
                continue;
            }
            table.detail(figures.server() + ": select 1 min "
                    + ResultTable.millis(figures.selectOne().minMillis())
                    + ", p50 " + ResultTable.millis(figures.selectOne().medianMillis()) + ", p90 "
                    + ResultTable.millis(figures.selectOne().p90Millis()) + ", p99 "
                    + ResultTable.millis(figures.selectOne().percentileMillis(99)) + "; " + rows + " rows min "
                    + ResultTable.millis(figures.fetch().minMillis()) + ", max "
                    + ResultTable.millis(figures.fetch().percentileMillis(100)) + "; " + concurrency + ": "
                    + rate(figures.perSecond()) + "; started in " + ResultTable.millis(figures.startMillis())
                    + figures.flightFetch()
                            .map(flight ->
                                    "; Flight SQL " + rows + " rows min " + ResultTable.millis(flight.minMillis())
                                            + ", median " + ResultTable.millis(flight.medianMillis()))
                            .orElse(""));
        }
    }

    private interface Measure {
        double of(Figures figures);
    }

    /** A Hearth-vs-peer row; a missing or failed side shows as n/a. */
    private void row(String measure, Figures hearth, Figures peer, Measure value) {
        double hearthValue = measured(hearth) ? value.of(hearth) : Double.NaN;
        double peerValue = measured(peer) ? value.of(peer) : Double.NaN;
        table.compare(measure, millisOrNa(hearthValue), hearthValue, millisOrNa(peerValue), peerValue, Double.NaN);
    }

    private void rateRow(String measure, Figures hearth, Figures peer) {
        double hearthValue = measured(hearth) ? hearth.perSecond() : Double.NaN;
        double peerValue = measured(peer) ? peer.perSecond() : Double.NaN;
        table.compare(
                measure,
                Double.isNaN(hearthValue) ? "n/a" : rate(hearthValue),
                hearthValue,
                Double.isNaN(peerValue) ? "n/a" : rate(peerValue),
                peerValue,
                Double.NaN);
    }

    private static boolean measured(Figures figures) {
        return figures != null && figures.failure().isEmpty();
    }

    private static String millisOrNa(double value) {
        return Double.isNaN(value) ? "n/a" : ResultTable.millis(value);
    }

    private static String rate(double perSecond) {
        return ResultTable.format(perSecond, 1) + " queries/s";
    }
}
