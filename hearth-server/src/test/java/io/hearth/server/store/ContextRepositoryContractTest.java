package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.context.ContextRequest;
import io.hearth.api.context.ShareLevel;
import io.hearth.server.context.StoredContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcContextRepository} store must do, run against each database. */
abstract class ContextRepositoryContractTest extends RepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123456Z");

    private JdbcContextRepository repository;

    protected ContextRepositoryContractTest(ContractStore store) {
        super(store, "contexts");
    }

    @BeforeAll
    void createRepositories() {
        repository = new JdbcContextRepository(dataSource());
    }

    @Test
    void roundTripsAContextAsGivenWithItsAbsentFields() {
        ContextRequest spec = new ContextRequest(
                "etl",
                ShareLevel.GROUP,
                "spark://10.0.0.5:7077",
                null,
                Map.of("spark.executor.memory", "2g"),
                List.of("artifact-1"),
                1,
                null,
                "10m",
                null,
                null);
        StoredContext context = new StoredContext("etl", spec, "alice", T0, T0);

        assertThat(repository.insert(context)).isTrue();
        assertThat(repository.insert(context)).as("names are unique").isFalse();
        assertThat(repository.find("etl")).contains(context);
        assertThat(repository.find("other")).isEmpty();
    }

    @Test
    void replacesListsByNameAndDeletes() {
        ContextRequest empty = new ContextRequest("b", null, null, null, null, null, null, null, null, null, null);
        repository.insert(new StoredContext("b", empty, "alice", T0, T0));
        repository.insert(new StoredContext(
                "a",
                new ContextRequest("a", null, null, null, null, null, null, null, null, null, null),
                "bob",
                T0,
                T0));
        ContextRequest changed =
                new ContextRequest("b", ShareLevel.SERVER, null, "4g", null, null, null, 3, null, null, null);
        Instant later = T0.plusSeconds(60);

        assertThat(repository.replace("b", changed, later)).isTrue();
        assertThat(repository.replace("missing", changed, later)).isFalse();
        assertThat(repository.find("b").orElseThrow()).isEqualTo(new StoredContext("b", changed, "alice", T0, later));
        assertThat(repository.list()).extracting(StoredContext::name).containsExactly("a", "b");
        assertThat(repository.delete("a")).isTrue();
        assertThat(repository.delete("a")).isFalse();
        assertThat(repository.list()).extracting(StoredContext::name).containsExactly("b");
    }
}
