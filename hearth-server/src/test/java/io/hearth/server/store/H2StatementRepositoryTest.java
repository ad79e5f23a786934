package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.ResultFormat;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2StatementRepositoryTest extends StatementRepositoryContractTest {
    private final Path dataDir;

    H2StatementRepositoryTest(@TempDir Path dataDir) {
        super(() -> StoreConfig.defaults(dataDir));
        this.dataDir = dataDir;
    }

    @Test
    void keepsItsDataInTheDataDirectory() {
        assertThat(Files.exists(dataDir.resolve("metadata").resolve("hearth.mv.db")))
                .isTrue();
    }

    @Test
    void keepsDataWhenReopenedAfterClose(@TempDir Path otherDataDir) {
        StoreConfig config = StoreConfig.defaults(otherDataDir);
        Statement statement = Statement.accepted(
                new StatementId("reopened"),
                "alice",
                "select 1",
                List.of(),
                ResultFormat.CSV,
                null,
                "key",
                Instant.parse("2026-11-25T12:00:00Z"));
        try (Database first = Database.open(config)) {
            new JdbcStatementRepository(first.dataSource()).insert(statement);
        }
        try (Database second = Database.open(config)) {
            assertThat(new JdbcStatementRepository(second.dataSource()).find(statement.id()))
                    .contains(statement);
        }
    }
}
