package io.hearth.server.flightsql;

import static io.hearth.server.TestingHearth.json;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Arrow Flight SQL front door end to end: a gateway with {@code auth.methods=basic,token} and
 * the in-process testing engine, reached with the real Flight SQL JDBC driver and Arrow's own
 * {@link FlightSqlClient}.
 */
@SuppressWarnings("try") // Arrow's FlightClient and FlightStream declare close() throws Exception
class FlightSqlJdbcTest {
    private static final int CHUNK_ROWS = 2500;

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;
    private static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        Path usersFile = TestingUsers.users()
                .add("alice", "alice-secret")
                .add("bob", "bob-secret")
                .add("carol", "carol-secret")
                .writeTo(dataDirectory.resolve("conf/users"));
        hearth = TestingHearth.start(
                dataDirectory,
                Map.of(
                        "auth.methods",
                        "basic,token",
                        "auth.users-file",
                        usersFile.toString(),
                        "auth.failed-logins.max-per-address",
                        "1000",
                        "quota.user.carol.max-running",
                        "1",
                        "result.chunk-max-rows",
                        String.valueOf(CHUNK_ROWS),
                        // one endpoint per chunk (not the default), so tickets per chunk are tested too
                        "flight-sql.endpoint-per-chunk",
                        "true"));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        allocator.close();
        hearth.close();
    }

    private static String url() {
        return "jdbc:arrow-flight-sql://127.0.0.1:" + hearth.flightSqlPort() + "/?useEncryption=false";
    }

    private static Connection connect(String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(url(), properties);
    }

    @Test
    void aQueryAnswersTypedRows() throws Exception {
        try (Connection connection = connect("alice", "alice-secret");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from range(5)")) {
            assertThat(rows.getMetaData().getColumnCount()).isEqualTo(1);
            assertThat(rows.getMetaData().getColumnName(1)).isEqualTo("id");
            assertThat(rows.getMetaData().getColumnType(1)).isEqualTo(Types.BIGINT);
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            assertThat(ids).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> connect("alice", "not-her-password").close())
                .isInstanceOf(SQLException.class)
                .hasStackTraceContaining("UNAUTHENTICATED");
    }

    @Test
    void anApiTokenIsAcceptedAsABearerToken() throws Exception {
        HttpResponse<String> created = hearth.as("alice", "alice-secret").post("/v1/tokens", "{\"name\": \"flight\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String token = json(created.body()).get("token").asText();
        String marker = UUID.randomUUID().toString();

        try (Connection connection = DriverManager.getConnection(url() + "&token=" + token);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from range(2) -- " + marker)) {
            assertThat(rows.next()).isTrue();
        }
        assertThat(listedTexts(hearth.as("alice", "alice-secret"))).anyMatch(text -> text.contains(marker));
        assertThatThrownBy(() -> DriverManager.getConnection(url() + "&token=hth_not-a-token")
                        .close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aStatementIsListedByRestForItsUserOnly() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (Connection connection = connect("alice", "alice-secret");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from range(3) -- " + marker)) {
            assertThat(rows.next()).isTrue();
        }

        assertThat(listedTexts(hearth.as("alice", "alice-secret"))).anyMatch(text -> text.contains(marker));
        assertThat(listedTexts(hearth.as("bob", "bob-secret"))).noneMatch(text -> text.contains(marker));
    }

    @Test
    void aResultOfManyChunksIsReadFullyThroughJdbc() throws Exception {
        long total = 4 * CHUNK_ROWS + 17;
        try (Connection connection = connect("alice", "alice-secret");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from range(" + total + ")")) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            assertThat(ids).hasSize((int) total);
            assertThat(ids)
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.range(0, total).boxed().toList());
        }
    }

    @Test
    void aResultOfManyChunksHasOneEndpointPerChunkReadInOrder() throws Exception {
        long total = 3 * CHUNK_ROWS + 5;
        try (FlightClient client = flightClient()) {
            CredentialCallOption alice = login(client, "alice", "alice-secret");
            FlightSqlClient sql = new FlightSqlClient(client);
            String text = "select * from range(" + total + ") -- " + UUID.randomUUID();
            FlightInfo info = sql.execute(text, alice);

            JsonNode manifest =
                    restStatement(hearth.as("alice", "alice-secret"), text).get("manifest");
            assertThat(manifest.get("total_chunk_count").asInt()).isGreaterThan(1);
            assertThat(info.getEndpoints())
                    .hasSize(manifest.get("total_chunk_count").asInt());
            assertThat(info.getOrdered()).isTrue();
            assertThat(info.getRecords()).isEqualTo(total);
            assertThat(info.getSchemaOptional().orElseThrow().getFields().get(0).getName())
                    .isEqualTo("id");
            List<Long> ids = new ArrayList<>();
            for (FlightEndpoint endpoint : info.getEndpoints()) {
                try (FlightStream stream = sql.getStream(endpoint.getTicket(), alice)) {
                    while (stream.next()) {
                        BigIntVector vector = (BigIntVector) stream.getRoot().getVector(0);
                        for (int row = 0; row < stream.getRoot().getRowCount(); row++) {
                            ids.add(vector.get(row));
                        }
                    }
                }
            }
            assertThat(ids).isEqualTo(LongStream.range(0, total).boxed().toList());
        }
    }

    @Test
    void rowsAndBytesStreamedAreCountedAsServedByFlightSql() throws Exception {
        TestingHearth asAlice = hearth.as("alice", "alice-secret");
        String rowsServed = "hearth_result_rows_served_total{door=\"flight_sql\",format=\"ARROW_STREAM\"}";
        String bytesServed =
                "hearth_result_chunk_bytes_served_bytes_total{door=\"flight_sql\",format=\"ARROW_STREAM\"}";
        double rowsBefore = asAlice.metric(rowsServed);
        double bytesBefore = asAlice.metric(bytesServed);
        long total = 2 * CHUNK_ROWS + 11;
        String text = "select * from range(" + total + ") -- counted " + UUID.randomUUID();
        long read = 0;
        try (FlightClient client = flightClient()) {
            CredentialCallOption alice = login(client, "alice", "alice-secret");
            FlightSqlClient sql = new FlightSqlClient(client);
            FlightInfo info = sql.execute(text, alice);
            for (FlightEndpoint endpoint : info.getEndpoints()) {
                try (FlightStream stream = sql.getStream(endpoint.getTicket(), alice)) {
                    while (stream.next()) {
                        read += stream.getRoot().getRowCount();
                    }
                }
            }
        }
        assertThat(read).isEqualTo(total);
        JsonNode manifest = restStatement(asAlice, text).get("manifest");
        assertThat(manifest.get("total_chunk_count").asInt()).isGreaterThan(1);

        assertThat(asAlice.metric(rowsServed) - rowsBefore).isEqualTo(total);
        // each chunk's batches are passed on as stored: the bytes streamed are the chunks' bytes
        assertThat(asAlice.metric(bytesServed) - bytesBefore)
                .isEqualTo(manifest.get("total_byte_count").asDouble());
    }

    @Test
    void anotherUsersTicketAnswersAsAMissingOne() throws Exception {
        try (FlightClient client = flightClient()) {
            CredentialCallOption alice = login(client, "alice", "alice-secret");
            CredentialCallOption bob = login(client, "bob", "bob-secret");
            FlightSqlClient sql = new FlightSqlClient(client);
            FlightInfo info = sql.execute("select * from range(3)", alice);

            FlightRuntimeException refused = readFails(sql, info.getEndpoints().get(0), bob);
            assertThat(refused.status().code()).isEqualTo(CallStatus.NOT_FOUND.code());
            try (FlightStream own = sql.getStream(info.getEndpoints().get(0).getTicket(), alice)) {
                assertThat(own.next()).isTrue();
                assertThat(own.getRoot().getRowCount()).isEqualTo(3);
            }
        }
    }

    @Test
    void aSqlErrorsMessageReachesTheClient() throws Exception {
        try (Connection connection = connect("alice", "alice-secret");
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("fail TABLE_OR_VIEW_NOT_FOUND 42P01"))
                    .isInstanceOf(SQLException.class)
                    .hasStackTraceContaining("TABLE_OR_VIEW_NOT_FOUND")
                    .hasStackTraceContaining("the testing engine was told to fail");
        }
        try (FlightClient client = flightClient()) {
            FlightSqlClient sql = new FlightSqlClient(client);
            assertThatThrownBy(
                            () -> sql.execute("fail TABLE_OR_VIEW_NOT_FOUND 42P01", login(client, "bob", "bob-secret")))
                    .isInstanceOfSatisfying(
                            FlightRuntimeException.class,
                            e -> assertThat(e.status().code()).isEqualTo(CallStatus.INVALID_ARGUMENT.code()));
        }
    }

    @Test
    void aPreparedStatementBindsANamedParameter() throws Exception {
        try (Connection connection = connect("alice", "alice-secret");
                PreparedStatement statement = connection.prepareStatement("select * from range(:n)")) {
            assertThat(statement.getParameterMetaData().getParameterCount()).isEqualTo(1);
            for (int n : new int[] {3, 6}) {
                statement.setString(1, String.valueOf(n));
                try (ResultSet rows = statement.executeQuery()) {
                    int count = 0;
                    while (rows.next()) {
                        assertThat(rows.getLong("id")).isEqualTo(count);
                        count++;
                    }
                    assertThat(count).isEqualTo(n);
                }
            }
        }
    }

    @Test
    void aCallThatEndsCancelsItsStatement() throws Exception {
        // the testing engine runs "block" until it is cancelled; alice runs it nowhere else
        try (FlightClient client = flightClient()) {
            CredentialCallOption alice = login(client, "alice", "alice-secret");
            assertThatThrownBy(
                            () -> new FlightSqlClient(client).execute("block", alice, CallOptions.timeout(2, SECONDS)))
                    .isInstanceOf(FlightRuntimeException.class);
        }
        TestingHearth asAlice = hearth.as("alice", "alice-secret");
        String statementId = restStatement(asAlice, "block").get("statement_id").asText();
        TestingHearth.awaitState(asAlice, statementId, "CANCELED");
    }

    @Test
    void aUserOverTheirQuotaIsToldResourcesAreExhausted() throws Exception {
        TestingHearth carol = hearth.as("carol", "carol-secret");
        String blocking = carol.submit("{\"statement\": \"block\", \"wait_timeout\": \"0s\"}")
                .get("statement_id")
                .asText();
        assertThat(json(carol.get("/v1/statements/" + blocking).body())
                        .at("/status/state")
                        .asText())
                .isIn("PENDING", "RUNNING");
        try (FlightClient client = flightClient()) {
            FlightSqlClient sql = new FlightSqlClient(client);
            assertThatThrownBy(() -> sql.execute("select * from range(1)", login(client, "carol", "carol-secret")))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(CallStatus.RESOURCE_EXHAUSTED.code());
                        assertThat(e.getMessage()).contains("running");
                    });
        } finally {
            carol.post("/v1/statements/" + blocking + "/cancel", "");
            TestingHearth.awaitState(carol, blocking, "CANCELED");
        }
    }

    private static FlightRuntimeException readFails(
            FlightSqlClient sql, FlightEndpoint endpoint, CredentialCallOption as) {
        try (FlightStream stream = sql.getStream(endpoint.getTicket(), as)) {
            stream.next();
        } catch (FlightRuntimeException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the read was not refused");
    }

    private static FlightClient flightClient() {
        return FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", hearth.flightSqlPort()))
                .build();
    }

    private static CredentialCallOption login(FlightClient client, String user, String password) {
        return client.authenticateBasicToken(user, password).orElseThrow();
    }

    private static JsonNode restStatement(TestingHearth as, String text) {
        HttpResponse<String> list = as.get("/v1/statements?limit=100");
        for (JsonNode statement : json(list.body()).get("statements")) {
            if (statement.get("statement").asText().equals(text)) {
                HttpResponse<String> found =
                        as.get("/v1/statements/" + statement.get("statement_id").asText());
                assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
                return json(found.body());
            }
        }
        throw new AssertionError("statement not listed: " + text);
    }

    private static List<String> listedTexts(TestingHearth as) {
        HttpResponse<String> list = as.get("/v1/statements?limit=100");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        for (JsonNode statement : json(list.body()).get("statements")) {
            texts.add(statement.get("statement").asText());
        }
        return texts;
    }
}
