package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.job.JobFunction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every {@link JdbcFunctionRepository} store must do, run against each database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FunctionRepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123456Z");
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}";

    private Database database;
    private JdbcFunctionRepository repository;

    /** The configuration of a fresh, empty store for this test class. */
    protected abstract StoreConfig storeConfig() throws Exception;

    /** Removes what {@link #storeConfig()} created, after the database is closed. */
    protected void dropStore() throws Exception {}

    @BeforeAll
    void openStore() throws Exception {
        database = Database.open(storeConfig());
        repository = new JdbcFunctionRepository(database.dataSource());
    }

    @AfterAll
    void closeStore() throws Exception {
        if (database != null) {
            database.close();
        }
        dropStore();
    }

    @BeforeEach
    void emptyStore() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                java.sql.Statement sql = connection.createStatement()) {
            sql.executeUpdate("DELETE FROM functions");
        }
    }

    @Test
    void roundTripsAFunction() {
        JobFunction function = function("alice", "word-count", "a1");
        assertThat(repository.insert(function)).isTrue();
        assertThat(repository.find("alice", "word-count")).contains(function);
        assertThat(repository.find("bob", "word-count")).isEmpty();
        assertThat(repository.find("alice", "other")).isEmpty();
    }

    @Test
    void keepsNamesUniquePerOwner() {
        assertThat(repository.insert(function("alice", "f", "a1"))).isTrue();
        assertThat(repository.insert(function("alice", "f", "a2"))).isFalse();
        assertThat(repository.insert(function("bob", "f", "a2"))).isTrue();
        assertThat(repository.find("alice", "f").orElseThrow().artifactId()).isEqualTo("a1");
    }

    @Test
    void listsAnOwnersFunctionsByName() {
        repository.insert(function("alice", "zeta", "a1"));
        repository.insert(function("alice", "alpha", "a1"));
        repository.insert(function("bob", "beta", "a1"));
        assertThat(repository.list("alice")).extracting(JobFunction::name).containsExactly("alpha", "zeta");
        assertThat(repository.list("carol")).isEmpty();
    }

    @Test
    void deletesOnlyWhatExists() {
        repository.insert(function("alice", "f", "a1"));
        assertThat(repository.delete("bob", "f")).isFalse();
        assertThat(repository.delete("alice", "f")).isTrue();
        assertThat(repository.delete("alice", "f")).isFalse();
        assertThat(repository.find("alice", "f")).isEmpty();
    }

    @Test
    void findsTheFunctionsUsingAnArtifact() {
        repository.insert(function("alice", "second", "a1"));
        repository.insert(function("bob", "first", "a1"));
        repository.insert(function("alice", "other", "a2"));
        assertThat(repository.namesUsingArtifact("a1")).containsExactly("first", "second");
        assertThat(repository.namesUsingArtifact("a3")).isEmpty();
    }

    private static JobFunction function(String owner, String name, String artifactId) {
        return new JobFunction(
                owner,
                name,
                artifactId,
                "com.example.WordCount",
                "default",
                SCHEMA,
                "org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>",
                T0);
    }
}
