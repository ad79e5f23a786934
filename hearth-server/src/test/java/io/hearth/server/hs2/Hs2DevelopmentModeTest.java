package io.hearth.server.hs2;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without authentication (development mode) NOSASL connections are accepted, and everyone is the default user. */
class Hs2DevelopmentModeTest {
    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(dataDirectory, Map.of("auth.default-user", "dev"));
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void acceptsAConnectionWithoutAuthentication() throws Exception {
        String text = "select id from range(2) -- nosasl";
        try (Connection connection =
                        HiveJdbc.connect(HiveJdbc.binaryUrl(hearth.hs2Port(), ";auth=noSasl"), null, null);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(text)) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.next()).isFalse();
        }
        assertThat(owners(text)).containsExactly("dev");
    }

    @Test
    void acceptsAnyUserAndPasswordAsTheDefaultUser() throws Exception {
        String text = "select id from range(1) -- sasl";
        try (Connection connection = HiveJdbc.connect(HiveJdbc.binaryUrl(hearth.hs2Port(), ""), "someone", "anything");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(text)) {
            assertThat(rows.next()).isTrue();
        }
        assertThat(owners(text)).containsExactly("dev");
    }

    private static List<String> owners(String text) {
        JsonNode list = json(hearth.get("/v1/statements?limit=100").body());
        List<String> owners = new ArrayList<>();
        for (JsonNode statement : list.get("statements")) {
            if (statement.get("statement").asText().equals(text)) {
                owners.add(statement.get("owner").asText());
            }
        }
        return owners;
    }
}
