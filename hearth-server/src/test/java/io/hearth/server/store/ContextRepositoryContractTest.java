package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.context.ContextAcl;
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
                null,
                null);
        StoredContext context = new StoredContext(
                "etl", spec, "alice", T0, T0, new ContextAcl(List.of("bob", "group:analysts"), List.of("alice")));

        assertThat(repository.insert(context)).isTrue();
        assertThat(repository.insert(context)).as("names are unique").isFalse();
        assertThat(repository.find("etl")).contains(context);
        assertThat(repository.find("other")).isEmpty();
    }

    @Test
    void fillsAnAbsentAclWithItsDefaultsAndKeepsItApartFromTheSpec() {
        ContextRequest spec = new ContextRequest(
                "open",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new ContextAcl(List.of("carol"), null));
        repository.insert(new StoredContext("open", spec, "alice", T0, T0, null));

        StoredContext stored = repository.find("open").orElseThrow();
        assertThat(stored.acl())
                .as("everyone uses it; its creator changes it")
                .isEqualTo(new ContextAcl(List.of("*"), List.of("alice")));
        assertThat(stored.spec().acl())
                .as("the ACL is not part of the stored spec")
                .isNull();

        assertThat(repository.replace("open", spec, new ContextAcl(List.of(), List.of("bob", "group:ops")), T0))
                .isTrue();
        assertThat(repository.find("open").orElseThrow().acl())
                .isEqualTo(new ContextAcl(List.of(), List.of("bob", "group:ops")));
    }

    @Test
    void replacesListsByNameAndDeletes() {
        ContextRequest empty =
                new ContextRequest("b", null, null, null, null, null, null, null, null, null, null, null);
        repository.insert(new StoredContext("b", empty, "alice", T0, T0, null));
        repository.insert(new StoredContext(
                "a",
                new ContextRequest("a", null, null, null, null, null, null, null, null, null, null, null),
                "bob",
                T0,
                T0,
                null));
        ContextRequest changed =
                new ContextRequest("b", ShareLevel.SERVER, null, "4g", null, null, null, 3, null, null, null, null);
        Instant later = T0.plusSeconds(60);

        ContextAcl acl = new ContextAcl(List.of("*"), List.of("alice", "bob"));
        assertThat(repository.replace("b", changed, acl, later)).isTrue();
        assertThat(repository.replace("missing", changed, acl, later)).isFalse();
        assertThat(repository.find("b").orElseThrow())
                .isEqualTo(new StoredContext("b", changed, "alice", T0, later, acl));
        assertThat(repository.list()).extracting(StoredContext::name).containsExactly("a", "b");
        assertThat(repository.delete("a")).isTrue();
        assertThat(repository.delete("a")).isFalse();
        assertThat(repository.list()).extracting(StoredContext::name).containsExactly("b");
    }
}
