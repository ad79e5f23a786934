package io.hearth.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hearth's HiveServer2 front door with the clients people use: the Apache Hive JDBC driver (4.0.1 standalone),
 * the Kyuubi Hive JDBC driver and Beeline's command line, against one gateway and one real engine shared by the
 * class.
 *
 * <p>The same tests run against any HiveServer2 given by {@code -Dhs2.it.peer=host:port} (no gateway is then
 * started): Spark's Thrift Server 3.5 passes them, which is how their expectations were checked.
 */
class Hs2ClientsIT {
    static final Path DISTRIBUTION = Path.of(System.getProperty("hearth.distribution", "target/hearth"));
    private static final String HOST = "127.0.0.1";
    private static final String USER = "alice";
    private static final String PASSWORD = "alice-secret";
    private static final long MILLION = 1_000_000;

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        String peer = System.getProperty("hs2.it.peer", "");
        if (!peer.isBlank()) {
            port = Integer.parseInt(peer.substring(peer.lastIndexOf(':') + 1));
            return;
        }
        Path users = TestingUsers.users().add(USER, PASSWORD).writeTo(dataDirectory.resolve("users"));
        Map<String, String> settings = new HashMap<>(TestingUsers.basicAuth(users));
        settings.put("engine.prestart", "true");
        settings.put(
                "engine.conf.spark.sql.warehouse.dir",
                dataDirectory.resolve("warehouse").toString());
        settings.put("hs2.port", "0");
        hearth = TestingHearth.startWithRealEngines(dataDirectory, DISTRIBUTION, settings);
        port = hearth.hs2Port();
    }

    @AfterAll
    static void stop() {
        if (hearth != null) {
            hearth.close();
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDrivers.class)
    void answersEveryTypeOfValue(JdbcDrivers client) throws SQLException {
        try (Connection connection = connect(client);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select cast(7 as int) as i, cast(1234567890123 as bigint) as b,"
                                + " cast(2.5 as double) as d, cast(12345.67 as decimal(10,2)) as m, 'héllo' as s,"
                                + " date '2024-02-29' as dt, timestamp '2024-01-02 03:04:05.123' as ts, true as t,"
                                + " cast('hi' as binary) as bin, array(1, 2) as arr, map('k', 1) as mp,"
                                + " named_struct('x', 1, 'y', 'z') as st, cast(null as int) as n")) {
            ResultSetMetaData meta = rows.getMetaData();
            assertThat(meta.getColumnCount()).isEqualTo(13);
            List<Integer> types = new ArrayList<>();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
                types.add(meta.getColumnType(column));
            }
            // the types Hive's drivers map HiveServer2's type names to (a map is JAVA_OBJECT)
            assertThat(types)
                    .containsExactly(
                            Types.INTEGER,
                            Types.BIGINT,
                            Types.DOUBLE,
                            Types.DECIMAL,
                            Types.VARCHAR,
                            Types.DATE,
                            Types.TIMESTAMP,
                            Types.BOOLEAN,
                            Types.BINARY,
                            Types.ARRAY,
                            Types.JAVA_OBJECT,
                            Types.STRUCT,
                            Types.INTEGER);
            assertThat(meta.getColumnLabel(5)).isEqualTo("s");
            assertThat(meta.getPrecision(4)).isEqualTo(10);
            assertThat(meta.getScale(4)).isEqualTo(2);

            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt("i")).isEqualTo(7);
            assertThat(rows.getLong("b")).isEqualTo(1234567890123L);
            assertThat(rows.getDouble("d")).isEqualTo(2.5);
            assertThat(rows.getBigDecimal("m")).isEqualByComparingTo(new BigDecimal("12345.67"));
            assertThat(rows.getString("s")).isEqualTo("héllo");
            assertThat(rows.getDate("dt")).isEqualTo(Date.valueOf("2024-02-29"));
            assertThat(rows.getTimestamp("ts")).isEqualTo(Timestamp.valueOf("2024-01-02 03:04:05.123"));
            assertThat(rows.getBoolean("t")).isTrue();
            // both drivers refuse getBytes (SQLFeatureNotSupportedException); getObject hands over the bytes
            assertThat(rows.getObject("bin")).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
            // Hive's drivers hand complex values over as JSON text
            assertThat(rows.getString("arr")).isEqualTo("[1,2]");
            assertThat(rows.getString("mp")).isEqualTo("{\"k\":1}");
            assertThat(rows.getString("st")).isEqualTo("{\"x\":1,\"y\":\"z\"}");
            assertThat(rows.getObject("n")).isNull();
            assertThat(rows.getInt("n")).isZero();
            assertThat(rows.wasNull()).isTrue();
            assertThat(rows.next()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDrivers.class)
    void describesACreatedTableThroughDatabaseMetaData(JdbcDrivers client) throws SQLException {
        String table = "hs2_clients_" + client.name().toLowerCase(Locale.ROOT);
        try (Connection connection = connect(client);
                Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + table);
            statement.execute("create table " + table + " (id bigint, name string, price decimal(8,3)) using parquet");
            statement.execute("insert into " + table + " values (1, 'one', 1.5)");
            DatabaseMetaData meta = connection.getMetaData();

            assertThat(meta.getDatabaseProductName()).isNotBlank();
            try (ResultSet catalogs = meta.getCatalogs()) {
                assertThat(catalogs.getMetaData().getColumnLabel(1)).isEqualToIgnoringCase("TABLE_CAT");
            }
            assertThat(column(meta.getSchemas(), "TABLE_SCHEM")).contains("default");
            assertThat(column(meta.getSchemas(null, "def%"), "TABLE_SCHEM")).containsExactly("default");
            assertThat(column(meta.getTables(null, "default", table, null), "TABLE_NAME"))
                    .containsExactly(table);
            assertThat(column(meta.getTables(null, "default", "hs2_clients_%", null), "TABLE_NAME"))
                    .contains(table);

            List<String> names = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            try (ResultSet columns = meta.getColumns(null, "default", table, "%")) {
                while (columns.next()) {
                    names.add(columns.getString("COLUMN_NAME"));
                    types.add(columns.getInt("DATA_TYPE"));
                    assertThat(columns.getString("TABLE_NAME")).isEqualTo(table);
                    positions.add(columns.getInt("ORDINAL_POSITION"));
                }
            }
            assertThat(names).containsExactly("id", "name", "price");
            assertThat(types).containsExactly(Types.BIGINT, Types.VARCHAR, Types.DECIMAL);
            // JDBC counts columns from 1; Spark Thrift Server 3.5 answers 0, 1, 2, a bug not to copy
            assertThat(positions).containsExactly(hearth == null ? new Integer[] {0, 1, 2} : new Integer[] {1, 2, 3});

            try (ResultSet rows = statement.executeQuery("select name, price from " + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("one");
                assertThat(rows.getBigDecimal(2)).isEqualByComparingTo("1.5");
            }
            statement.execute("drop table " + table);
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDrivers.class)
    void cancelsALongQueryFromAnotherThread(JdbcDrivers client) throws Exception {
        try (Connection connection = connect(client);
                Statement statement = connection.createStatement()) {
            // minutes of work on two cores (a bare count(*) of a range is compiled to a loop Spark runs in seconds):
            // only a cancel ends it within the deadline
            CompletableFuture<Long> query = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rows =
                        statement.executeQuery("select sum(hash(id)) from range(0, 100000000000, 1, 2)")) {
                    rows.next();
                    return rows.getLong(1);
                } catch (SQLException e) {
                    throw new CompletionFailure(e);
                }
            });
            // a cancel before the driver holds the operation's handle does nothing, so repeat it until it lands
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        statement.cancel();
                        return query.isDone();
                    });

            assertThatThrownBy(query::get)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(CompletionFailure.class)
                    .cause()
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("cancel");
            try (Statement next = connection.createStatement();
                    ResultSet one = next.executeQuery("select 1")) {
                assertThat(one.next()).as("the connection still serves").isTrue();
                assertThat(one.getInt(1)).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDrivers.class)
    void aSyntaxErrorCarriesItsSqlState(JdbcDrivers client) throws SQLException {
        try (Connection connection = connect(client);
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("selec 1"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getSQLState()).as(e.getMessage()).isIn("42601", "42000"));
            try (ResultSet one = statement.executeQuery("select 1")) {
                assertThat(one.next()).as("the session survives the error").isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDrivers.class)
    void fetchesAMillionRows(JdbcDrivers client) throws SQLException {
        long count = 0;
        long sum = 0;
        try (Connection connection = connect(client);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select id, id*2 as x, cast(id as string) as s from range(" + MILLION + ")")) {
            while (rows.next()) {
                long id = rows.getLong(1);
                sum += rows.getLong(2);
                if (id % 99_991 == 0) {
                    assertThat(rows.getString(3)).isEqualTo(Long.toString(id));
                }
                count++;
            }
        }
        assertThat(count).isEqualTo(MILLION);
        assertThat(sum).isEqualTo(MILLION * (MILLION - 1));
    }

    @Test
    void beelineRunsAStatementAndPrintsCsv2() throws Exception {
        Beeline.Result result = Beeline.run(url(), USER, PASSWORD, "-e", "select 1 as a, 'x' as b, 2.5d as c");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.lines()).containsExactly("a,b,c", "1,x,2.5");
    }

    @Test
    void beelineRunsAFileInOneSession() throws Exception {
        Path script = dataDirectory.resolve("script.sql");
        Files.writeString(
                script,
                "create temporary view beeline_v as select id, id * 10 as x from range(3);\n"
                        + "select x from beeline_v order by id;\n",
                StandardCharsets.UTF_8);

        Beeline.Result result = Beeline.run(url(), USER, PASSWORD, "-f", script.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        // the view's creation prints at most a header (Spark Thrift Server: "Result"), then the query's rows
        assertThat(result.lines()).hasSizeLessThanOrEqualTo(5).endsWith("x", "0", "10", "20");
    }

    @Test
    void beelineFailsOnASyntaxErrorNamingTheSqlState() throws Exception {
        Beeline.Result result = Beeline.run(url(), USER, PASSWORD, "-e", "selec 1");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).containsAnyOf("state=42601", "state=42000");
    }

    @Test
    void refusesAWrongPassword() {
        assumeTrue(hearth != null, "an external peer (Spark Thrift Server) runs without authentication");
        assertThatThrownBy(() ->
                        JdbcDrivers.HIVE.connect(HOST, port, USER, "wrong").close())
                .isInstanceOf(SQLException.class);
    }

    private static Connection connect(JdbcDrivers client) throws SQLException {
        return client.connect(HOST, port, USER, PASSWORD);
    }

    private static String url() {
        return JdbcDrivers.HIVE.url(HOST, port, "default");
    }

    private static List<String> column(ResultSet rows, String name) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rows) {
            while (rows.next()) {
                values.add(rows.getString(name));
            }
        }
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Carries a query's SQLException out of the thread that ran it. */
    private static final class CompletionFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CompletionFailure(SQLException cause) {
            super(cause);
        }
    }
}
