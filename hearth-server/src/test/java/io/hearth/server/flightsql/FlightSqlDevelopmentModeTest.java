package io.hearth.server.flightsql;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flight SQL in development mode (no {@code auth.methods}): a client without credentials acts as
 * the default user, and the server describes itself through GetSqlInfo and GetTableTypes. This
 * gateway answers with one endpoint per result ({@code flight-sql.endpoint-per-chunk=false}).
 */
@SuppressWarnings("try") // Arrow's FlightClient declares close() throws Exception
class FlightSqlDevelopmentModeTest {
    private static final String USER = "dev-user";
    private static final int CHUNK_ROWS = 1000;

    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(
                dataDirectory,
                Map.of(
                        "auth.default-user",
                        USER,
                        "flight-sql.endpoint-per-chunk",
                        "false",
                        "result.chunk-max-rows",
                        String.valueOf(CHUNK_ROWS)));
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(
                "jdbc:arrow-flight-sql://127.0.0.1:" + hearth.flightSqlPort() + "/?useEncryption=false");
    }

    @Test
    void aClientWithoutCredentialsActsAsTheDefaultUser() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from range(4) -- " + marker)) {
            int count = 0;
            while (rows.next()) {
                count++;
            }
            assertThat(count).isEqualTo(4);
        }
        HttpResponse<String> list = hearth.get("/v1/statements?limit=100");
        List<String> owners = new ArrayList<>();
        for (JsonNode statement : json(list.body()).get("statements")) {
            if (statement.get("statement").asText().contains(marker)) {
                owners.add(statement.get("owner").asText());
            }
        }
        assertThat(owners).containsExactly(USER);
    }

    @Test
    void aResultOfManyChunksIsOneEndpointReadInOrder() throws Exception {
        long total = 5 * CHUNK_ROWS + 3;
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from range(" + total + ")")) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            assertThat(ids).isEqualTo(LongStream.range(0, total).boxed().toList());
        }
        try (BufferAllocator allocator = new RootAllocator();
                FlightClient client = FlightClient.builder(
                                allocator, Location.forGrpcInsecure("127.0.0.1", hearth.flightSqlPort()))
                        .build()) {
            FlightInfo info = new FlightSqlClient(client).execute("select * from range(" + total + ")");
            assertThat(info.getEndpoints()).hasSize(1);
            assertThat(info.getRecords()).isEqualTo(total);
        }
    }

    @Test
    void theServerDescribesItself() throws Exception {
        try (Connection connection = connect()) {
            DatabaseMetaData metadata = connection.getMetaData();
            assertThat(metadata.getDatabaseProductName()).isEqualTo("Hearth");
            assertThat(metadata.isReadOnly()).isFalse();
            assertThat(metadata.getIdentifierQuoteString()).isEqualTo("`");
            List<String> types = new ArrayList<>();
            try (ResultSet rows = metadata.getTableTypes()) {
                while (rows.next()) {
                    types.add(rows.getString("TABLE_TYPE"));
                }
            }
            assertThat(types).containsExactlyElementsOf(CatalogQueries.TABLE_TYPES);
        }
    }
}
