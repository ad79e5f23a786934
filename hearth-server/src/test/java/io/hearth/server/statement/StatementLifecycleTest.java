package io.hearth.server.statement;

import static io.hearth.server.TestingHearth.awaitState;
import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.api.ResultFormat;
import io.hearth.server.TestingHearth;
import io.hearth.server.store.Database;
import io.hearth.server.store.JdbcStatementRepository;
import io.hearth.server.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What survives a gateway restart, and what expires. */
class StatementLifecycleTest {
    @TempDir
    Path dataDirectory;

    @Test
    void finishedResultsAreServedAfterARestartAndInterruptedStatementsFail() throws Exception {
        String finished;
        String interrupted;
        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of())) {
            finished = hearth.submit("{\"statement\": \"select id from range(1500)\"}")
                    .at("/statement_id")
                    .asText();
        }
        // a statement a crashed gateway left RUNNING
        try (Database database = Database.open(StoreConfig.defaults(dataDirectory))) {
            JdbcStatementRepository repository = new JdbcStatementRepository(database.dataSource());
            Statement running = Statement.accepted(
                    new StatementId("left-running"),
                    System.getProperty("user.name"),
                    "block",
                    List.of(),
                    ResultFormat.JSON_ARRAY,
                    null,
                    null,
                    Instant.now());
            repository.insert(running);
            repository.markRunning(running.id(), "engine-gone", Instant.now());
            interrupted = running.id().value();
        }

        try (TestingHearth hearth = TestingHearth.start(dataDirectory, Map.of())) {
            JsonNode again = json(hearth.get("/v1/statements/" + finished).body());
            assertThat(again.at("/status/state").asText()).isEqualTo("SUCCEEDED");
            assertThat(again.at("/result/data_array")).hasSize(1500);
            assertThat(hearth.get("/v1/statements/" + finished + "/result/chunks/0?format=CSV")
                            .body())
                    .startsWith("id\r\n0\r\n");

            JsonNode failed = json(hearth.get("/v1/statements/" + interrupted).body());
            assertThat(failed.at("/status/state").asText()).isEqualTo("FAILED");
            assertThat(failed.at("/status/error/error_code").asText()).isEqualTo("GATEWAY_RESTARTED");
            assertThat(failed.at("/status/error/message").asText()).contains("submit it again");
        }
    }

    @Test
    void expiredResultsAreDeletedAndTheStatementIsClosed() throws Exception {
        try (TestingHearth hearth =
                TestingHearth.start(dataDirectory, Map.of("result.ttl", "1s", "statement.cleanup-interval", "100ms"))) {
            String id = hearth.submit("{\"statement\": \"select id from range(10)\"}")
                    .at("/statement_id")
                    .asText();
            Path resultDirectory = dataDirectory.resolve("results").resolve(id);
            assertThat(resultDirectory).isDirectory();

            awaitState(hearth, id, "CLOSED");

            assertThat(Files.exists(resultDirectory)).isFalse();
            var chunk = hearth.get("/v1/statements/" + id + "/result/chunks/0");
            assertThat(chunk.statusCode()).isEqualTo(410);
            assertThat(json(chunk.body()).get("error_code").asText()).isEqualTo("RESULT_EXPIRED");
        }
    }

    @Test
    void resultsPastTheByteLimitAreTruncated() throws Exception {
        try (TestingHearth hearth = TestingHearth.start(
                dataDirectory, Map.of("result.max-bytes", "40k", "result.chunk-max-rows", "1000"))) {
            JsonNode answer = hearth.submit("{\"statement\": \"select id from range(100000)\"}");
            assertThat(answer.at("/status/state").asText()).isEqualTo("SUCCEEDED");
            assertThat(answer.at("/manifest/truncated").asBoolean()).isTrue();
            assertThat(answer.at("/manifest/total_row_count").asLong()).isBetween(1000L, 5000L);
            assertThat(answer.at("/manifest/total_byte_count").asLong()).isLessThanOrEqualTo(40 * 1024);
        }
    }
}
