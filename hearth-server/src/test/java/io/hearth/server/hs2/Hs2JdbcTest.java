package io.hearth.server.hs2;

import static io.hearth.server.TestingHearth.json;
import static java.net.http.HttpResponse.BodyHandlers.ofByteArray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoResp;
import org.apache.hive.service.rpc.thrift.TGetInfoType;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HiveServer2 front door of a gateway with authentication, through the Apache Hive JDBC driver
 * over both transports, against the in-process testing engine.
 */
class Hs2JdbcTest {
    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        Path users = TestingUsers.users()
                .add("alice", "alice-secret")
                .add("bob", "bob-secret")
                .add("carol", "carol-secret")
                .add("dave", "dave-secret")
                .add("erin", "erin-secret")
                .writeTo(dataDirectory.resolve("conf/users"));
        Map<String, String> settings = new HashMap<>(TestingUsers.basicAuth(users));
        // several chunks for a few thousand rows, read across fetches
        settings.put("result.chunk-max-rows", "700");
        settings.put("auth.failed-logins.max-per-address", "1000");
        hearth = TestingHearth.start(dataDirectory, settings);
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    private static Connection alice() throws SQLException {
        return HiveJdbc.connect(HiveJdbc.binaryUrl(hearth.hs2Port(), ""), "alice", "alice-secret");
    }

    @Test
    void runsAQueryAndReadsItsRowsAndColumns() throws Exception {
        try (Connection connection = alice();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id from range(5)")) {
            ResultSetMetaData columns = rows.getMetaData();
            assertThat(columns.getColumnCount()).isEqualTo(1);
            assertThat(columns.getColumnName(1)).isEqualTo("id");
            assertThat(columns.getColumnType(1)).isEqualTo(Types.BIGINT);
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
                assertThat(rows.getObject(1)).isInstanceOf(Long.class);
            }
            assertThat(ids).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aSessionKeepsItsStateAcrossStatementsAndReadsStringsAndNulls() throws Exception {
        try (Connection connection = alice();
                Statement statement = connection.createStatement()) {
            statement.execute("set greeting=héllo, world");
            try (ResultSet rows = statement.executeQuery("get greeting")) {
                assertThat(rows.getMetaData().getColumnType(1)).isEqualTo(Types.VARCHAR);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("value")).isEqualTo("héllo, world");
                assertThat(rows.next()).isFalse();
            }
            try (ResultSet rows = statement.executeQuery("get never-set")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isNull();
                assertThat(rows.wasNull()).isTrue();
            }
        }
        // another connection is another session
        try (Connection connection = alice();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("get greeting")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isNull();
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> HiveJdbc.connect(HiveJdbc.binaryUrl(hearth.hs2Port(), ""), "alice", "wrong"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> HiveJdbc.connect(HiveJdbc.binaryUrl(hearth.hs2Port(), ""), "nobody", "x"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aConnectionWithoutAuthenticationIsRefused() {
        assertThatThrownBy(() -> HiveJdbc.connect(HiveJdbc.binaryUrl(hearth.hs2Port(), ";auth=noSasl"), null, null))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aJdbcStatementIsListedForItsUserOnly() throws Exception {
        String text = "select id from range(3) -- listed " + System.nanoTime();
        try (Connection connection = HiveJdbc.connect(HiveJdbc.binaryUrl(hearth.hs2Port(), ""), "bob", "bob-secret");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(text)) {
            while (rows.next()) {
                // read it all
            }
        }
        assertThat(statementTexts("bob", "bob-secret")).contains(text);
        assertThat(statementTexts("alice", "alice-secret")).doesNotContain(text);
    }

    private static List<String> statementTexts(String user, String password) {
        JsonNode list =
                json(hearth.as(user, password).get("/v1/statements?limit=100").body());
        List<String> texts = new ArrayList<>();
        list.get("statements")
                .forEach(statement -> texts.add(statement.get("statement").asText()));
        return texts;
    }

    @Test
    void anEngineErrorReachesTheClientWithItsSqlState() throws Exception {
        try (Connection connection = alice();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("fail TABLE_OR_VIEW_NOT_FOUND 42P01"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42P01");
                        assertThat(e.getMessage()).contains("TABLE_OR_VIEW_NOT_FOUND");
                    });
            // the connection lives on
            try (ResultSet rows = statement.executeQuery("select id from range(1)")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }

    @Test
    void aRunningStatementIsCanceled() throws Exception {
        try (Connection connection = HiveJdbc.connect(HiveJdbc.binaryUrl(hearth.hs2Port(), ""), "dave", "dave-secret");
                Statement statement = connection.createStatement()) {
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    statement.execute("block");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stateOf("dave", "dave-secret", "block").equals("RUNNING"));

            statement.cancel();

            assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseInstanceOf(SQLException.class);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stateOf("dave", "dave-secret", "block").equals("CANCELED"));
        }
    }

    private static String stateOf(String user, String password, String text) {
        JsonNode list =
                json(hearth.as(user, password).get("/v1/statements?limit=100").body());
        for (JsonNode statement : list.get("statements")) {
            if (statement.get("statement").asText().equals(text)) {
                return statement.get("state").asText();
            }
        }
        return "NONE";
    }

    @Test
    void fetchesAResultOfSeveralChunksInSmallFetchesAndFromTheFirstRowAgain() throws Exception {
        int total = 2_500;
        try (Connection connection = alice();
                Statement statement =
                        connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(300);
            try (ResultSet rows = statement.executeQuery("select id from range(" + total + ")")) {
                long expected = 0;
                while (rows.next()) {
                    assertThat(rows.getLong(1)).isEqualTo(expected);
                    expected++;
                }
                assertThat(expected).isEqualTo(total);

                rows.beforeFirst();

                long again = 0;
                while (rows.next()) {
                    assertThat(rows.getLong(1)).isEqualTo(again);
                    again++;
                }
                assertThat(again).isEqualTo(total);
            }
        }
    }

    @Test
    void rowsFetchedAndTheStoredBytesReadForThemAreCountedAsServedByHs2() throws Exception {
        TestingHearth asAlice = hearth.as("alice", "alice-secret");
        String rowsServed = "hearth_result_rows_served_total{door=\"hs2\",format=\"THRIFT\"}";
        String bytesServed = "hearth_result_chunk_bytes_served_bytes_total{door=\"hs2\",format=\"THRIFT\"}";
        double rowsBefore = asAlice.metric(rowsServed);
        double bytesBefore = asAlice.metric(bytesServed);
        String text = "select id from range(1600) -- counted " + System.nanoTime();
        long read = 0;
        try (Connection connection = alice();
                Statement statement = connection.createStatement()) {
            statement.setFetchSize(300);
            try (ResultSet rows = statement.executeQuery(text)) {
                while (rows.next()) {
                    read++;
                }
            }
        }
        assertThat(read).isEqualTo(1600);
        JsonNode manifest = statementNamed(asAlice, text).get("manifest");

        assertThat(asAlice.metric(rowsServed) - rowsBefore).isEqualTo(1600);
        // every chunk was read to its end: the bytes are the chunks' as stored
        assertThat(manifest.get("total_chunk_count").asInt()).isGreaterThan(1);
        assertThat(asAlice.metric(bytesServed) - bytesBefore)
                .isEqualTo(manifest.get("total_byte_count").asDouble());
    }

    private static JsonNode statementNamed(TestingHearth as, String text) {
        for (JsonNode statement :
                json(as.get("/v1/statements?limit=100").body()).get("statements")) {
            if (statement.get("statement").asText().equals(text)) {
                return json(
                        as.get("/v1/statements/" + statement.get("statement_id").asText())
                                .body());
            }
        }
        throw new AssertionError("statement not listed: " + text);
    }

    @Test
    void maxRowsIsRespected() throws Exception {
        try (Connection connection = alice();
                Statement statement = connection.createStatement()) {
            statement.setMaxRows(7);
            try (ResultSet rows = statement.executeQuery("select id from range(100)")) {
                int count = 0;
                while (rows.next()) {
                    count++;
                }
                assertThat(count).isEqualTo(7);
            }
        }
    }

    @Test
    void closingTheConnectionClosesItsHearthSession() throws Exception {
        Connection connection = HiveJdbc.connect(HiveJdbc.binaryUrl(hearth.hs2Port(), ""), "carol", "carol-secret");
        assertThat(sessionStates("carol", "carol-secret")).containsExactly("OPEN");

        connection.close();

        assertThat(sessionStates("carol", "carol-secret")).containsExactly("CLOSED");
    }

    private static List<String> sessionStates(String user, String password) {
        JsonNode list = json(hearth.as(user, password).get("/v1/sessions").body());
        List<String> states = new ArrayList<>();
        list.get("sessions").forEach(session -> states.add(session.get("state").asText()));
        return states;
    }

    @Test
    void anUnknownContextIsRefusedAtConnect() {
        assertThatThrownBy(() -> HiveJdbc.connect(
                        HiveJdbc.binaryUrl(hearth.hs2Port(), "?hearth.context=no-such-context"),
                        "alice",
                        "alice-secret"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no-such-context");
    }

    @Test
    void theHttpTransportRunsQueriesWithBasicAuthentication() throws Exception {
        try (Connection connection =
                        HiveJdbc.connect(HiveJdbc.httpUrl(hearth.hs2HttpPort(), ""), "alice", "alice-secret");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id from range(1500)")) {
            long count = 0;
            while (rows.next()) {
                assertThat(rows.getLong(1)).isEqualTo(count);
                count++;
            }
            assertThat(count).isEqualTo(1500);
        }
        assertThatThrownBy(() -> HiveJdbc.connect(HiveJdbc.httpUrl(hearth.hs2HttpPort(), ""), "alice", "wrong"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void answersGetInfoAndMetadataCalls() throws Exception {
        // what the catalog answers from the engine is tested against real Spark in Hs2ClientsIT; the
        // testing engine knows no SHOW statements, so here: the static answers, and an engine's error
        try (Connection connection = alice()) {
            var metadata = connection.getMetaData();
            assertThat(metadata.getDatabaseProductName()).isEqualTo("Spark SQL");
            try (ResultSet types = metadata.getTableTypes()) {
                List<String> names = new ArrayList<>();
                while (types.next()) {
                    names.add(types.getString("TABLE_TYPE"));
                }
                assertThat(names).containsExactly("TABLE", "VIEW");
            }
            try (ResultSet keys = metadata.getPrimaryKeys(null, "default", "t")) {
                assertThat(keys.getMetaData().getColumnName(4)).isEqualToIgnoringCase("COLUMN_NAME");
                assertThat(keys.next()).isFalse();
            }
            assertThatThrownBy(() -> metadata.getTables(null, null, "%", null))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42601");
                        assertThat(e.getMessage()).contains("SHOW CATALOGS");
                    });
        }
    }

    @Test
    void readsValuesOfEveryCommonTypeAndTheirNulls() throws Exception {
        try (Connection connection = alice();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("types")) {
            ResultSetMetaData columns = rows.getMetaData();
            assertThat(List.of(
                            columns.getColumnType(1),
                            columns.getColumnType(2),
                            columns.getColumnType(3),
                            columns.getColumnType(4),
                            columns.getColumnType(5),
                            columns.getColumnType(6),
                            columns.getColumnType(7),
                            columns.getColumnType(8),
                            columns.getColumnType(9)))
                    .containsExactly(
                            Types.BOOLEAN,
                            Types.INTEGER,
                            Types.DOUBLE,
                            Types.DECIMAL,
                            Types.VARCHAR,
                            Types.DATE,
                            Types.TIMESTAMP,
                            Types.BINARY,
                            Types.ARRAY);
            assertThat(columns.getPrecision(4)).isEqualTo(10);
            assertThat(columns.getScale(4)).isEqualTo(2);

            assertThat(rows.next()).isTrue();
            assertThat(rows.getBoolean("b")).isTrue();
            assertThat(rows.getInt("i")).isEqualTo(42);
            assertThat(rows.getDouble("d")).isEqualTo(1.5);
            assertThat(rows.getBigDecimal("dec")).isEqualByComparingTo(new BigDecimal("12.30"));
            assertThat(rows.getString("s")).isEqualTo("text");
            assertThat(rows.getDate("dt")).isEqualTo(Date.valueOf("2024-05-01"));
            assertThat(rows.getTimestamp("ts")).isEqualTo(Timestamp.valueOf("2024-05-01 10:00:00.123456"));
            // the Hive driver has no getBytes: a BINARY value is a byte[] object
            assertThat((byte[]) rows.getObject("bin")).containsExactly(1, 2, 3);
            assertThat(rows.getString("arr")).isEqualTo("[1,2]");

            assertThat(rows.next()).isTrue();
            for (int column = 1; column <= 9; column++) {
                assertThat(rows.getObject(column)).as("column %d", column).isNull();
            }
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void sparkConfFromTheUrlIsTheSessionsConf() throws Exception {
        try (Connection connection = HiveJdbc.connect(
                        HiveJdbc.binaryUrl(hearth.hs2Port(), "?spark.sql.shuffle.partitions=7"),
                        "alice",
                        "alice-secret");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("get spark.sql.shuffle.partitions")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("7");
        }
    }

    @Test
    void aSessionClosedThroughRestFailsTheConnectionsNextStatement() throws Exception {
        try (Connection connection = HiveJdbc.connect(HiveJdbc.binaryUrl(hearth.hs2Port(), ""), "erin", "erin-secret");
                Statement statement = connection.createStatement()) {
            JsonNode sessions =
                    json(hearth.as("erin", "erin-secret").get("/v1/sessions").body());
            String sessionId = sessions.at("/sessions/0/session_id").asText();
            assertThat(hearth.as("erin", "erin-secret")
                            .delete("/v1/sessions/" + sessionId)
                            .statusCode())
                    .isEqualTo(200);

            assertThatThrownBy(() -> statement.executeQuery("select id from range(1)"))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08003"));
        }
    }

    @Test
    void anHttpLoginAnswersWithACookieThatStandsForTheCredentials() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String basic =
                "Basic " + Base64.getEncoder().encodeToString("alice:alice-secret".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> login =
                client.send(getInfo().header("Authorization", basic).build(), ofByteArray());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(getInfoAnswer(login.body()).getStatus().getErrorMessage()).contains("invalid session handle");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(Hs2Server.COOKIE + "=").contains("HttpOnly");
        String pair = cookie.substring(0, cookie.indexOf(';'));
        assertThat(client.send(getInfo().header("Cookie", pair).build(), ofByteArray())
                        .statusCode())
                .isEqualTo(200);
        assertThat(client.send(
                                getInfo()
                                        .header("Cookie", Hs2Server.COOKIE + "=forged")
                                        .build(),
                                ofByteArray())
                        .statusCode())
                .isEqualTo(401);
    }

    /** A GetInfo call of a made-up session, as a Thrift HTTP client POSTs it. */
    private static HttpRequest.Builder getInfo() throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer(256);
        new TCLIService.Client(new TBinaryProtocol(buffer))
                .send_GetInfo(new TGetInfoReq(
                        new TSessionHandle(Hs2Handles.Key.random().identifier()), TGetInfoType.CLI_SERVER_NAME));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hearth.hs2HttpPort() + "/cliservice"))
                .header("Content-Type", "application/x-thrift")
                .POST(HttpRequest.BodyPublishers.ofByteArray(buffer.getArray(), 0, buffer.length()));
    }

    private static TGetInfoResp getInfoAnswer(byte[] body) throws TException {
        TBinaryProtocol protocol = new TBinaryProtocol(new TMemoryInputTransport(body));
        protocol.readMessageBegin();
        TCLIService.GetInfo_result result = new TCLIService.GetInfo_result();
        result.read(protocol);
        return result.getSuccess();
    }

    @Test
    void aStatementPastItsQueryTimeoutIsCanceledAsTimedOut() throws Exception {
        try (Connection connection = alice();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            assertThatThrownBy(() -> statement.execute("block")).isInstanceOf(SQLTimeoutException.class);
        }
    }
}
