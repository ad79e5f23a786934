package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.job.JobFunction;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcFunctionRepository} store must do, run against each database. */
abstract class FunctionRepositoryContractTest extends RepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123456Z");
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}";

    private JdbcFunctionRepository repository;

    protected FunctionRepositoryContractTest(ContractStore store) {
        super(store, "functions");
    }

    @BeforeAll
    void createRepositories() {
        repository = new JdbcFunctionRepository(dataSource());
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
        assertThat(repository.list(Optional.of("alice")))
                .extracting(JobFunction::name)
                .containsExactly("alpha", "zeta");
        assertThat(repository.list(Optional.of("carol"))).isEmpty();
        assertThat(repository.list(Optional.empty()))
                .as("every owner's, by name then owner")
                .extracting(function -> function.owner() + "/" + function.name())
                .containsExactly("alice/alpha", "bob/beta", "alice/zeta");
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
