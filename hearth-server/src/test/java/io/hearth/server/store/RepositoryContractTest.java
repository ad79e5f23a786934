package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One migrated database for a whole contract test class, emptied before each test. A contract
 * makes its repositories in a {@code @BeforeAll} of its own, which JUnit runs after this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RepositoryContractTest {
    private final ContractStore store;
    private final List<String> tables;
    private Database database;

    /** @param tables what the contract writes, emptied in this order (rows that refer to others first) */
    protected RepositoryContractTest(ContractStore store, String... tables) {
        this.store = requireNonNull(store, "store is null");
        this.tables = List.of(tables);
    }

    @BeforeAll
    void openStore() throws Exception {
        database = Database.open(store.create());
    }

    @AfterAll
    void closeStore() throws Exception {
        if (database != null) {
            database.close();
        }
        store.drop();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                java.sql.Statement sql = connection.createStatement()) {
            for (String table : tables) {
                sql.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    protected Database database() {
        return database;
    }

    protected DataSource dataSource() {
        return database.dataSource();
    }
}
