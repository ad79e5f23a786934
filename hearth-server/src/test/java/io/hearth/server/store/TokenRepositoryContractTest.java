package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.auth.ApiToken;
import io.hearth.server.auth.TokenPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcTokenRepository} store must do, run against each database. */
abstract class TokenRepositoryContractTest extends RepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123456Z");
    private static final String HASH = "ab".repeat(32);

    private JdbcTokenRepository repository;

    protected TokenRepositoryContractTest(ContractStore store) {
        super(store, "api_tokens");
    }

    @BeforeAll
    void createRepositories() {
        repository = new JdbcTokenRepository(dataSource());
    }

    private static ApiToken token(String id, String owner, Instant createdAt) {
        return new ApiToken(
                id,
                owner,
                "ci " + id,
                HASH,
                List.of("analysts", "etl"),
                createdAt,
                createdAt.plusSeconds(3600),
                null,
                null);
    }

    @Test
    void roundTripsEveryField() {
        ApiToken token = token("t1", "alice", T0);
        ApiToken used = new ApiToken(
                "t2", "alice", "used", HASH, List.of(), T0, T0.plusSeconds(60), T0.plusSeconds(1), T0.plusSeconds(2));

        repository.insert(token);
        repository.insert(used);

        assertThat(repository.find("t1")).contains(token);
        assertThat(repository.find("t2")).contains(used);
        assertThat(repository.find("nope")).isEmpty();
    }

    @Test
    void listsAnOwnersTokensNewestFirstInPages() {
        repository.insert(token("a1", "alice", T0));
        repository.insert(token("a2", "alice", T0.plusSeconds(1)));
        repository.insert(token("a3", "alice", T0.plusSeconds(1)));
        repository.insert(token("b1", "bob", T0.plusSeconds(2)));
        repository.revoke("a1", T0.plusSeconds(5));

        assertThat(repository.list("alice", Optional.empty(), 10))
                .as("revoked tokens are listed too")
                .extracting(ApiToken::id)
                .containsExactly("a3", "a2", "a1");
        assertThat(repository.list("alice", Optional.empty(), 2))
                .extracting(ApiToken::id)
                .containsExactly("a3", "a2");
        // the next page starts after a2, which shares its creation time with a3
        assertThat(repository.list("alice", Optional.of(new TokenPage(T0.plusSeconds(1), "a2")), 2))
                .extracting(ApiToken::id)
                .containsExactly("a1");
        assertThat(repository.list("carol", Optional.empty(), 10)).isEmpty();
    }

    @Test
    void revokesOnceAndKeepsTheFirstRevocationTime() {
        repository.insert(token("t1", "alice", T0));

        assertThat(repository.revoke("t1", T0.plusSeconds(10))).isTrue();
        assertThat(repository.revoke("t1", T0.plusSeconds(20))).isFalse();
        assertThat(repository.revoke("nope", T0)).isFalse();

        assertThat(repository.find("t1").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void recordsAUseOnlyWhenNoneIsRecordedSinceTheGivenTime() {
        repository.insert(token("t1", "alice", T0));
        Instant first = T0.plusSeconds(30);

        assertThat(repository.markUsed("t1", first, first.minusSeconds(60))).isTrue();
        // another gateway, 20 s later: a use within the minute is recorded already
        assertThat(repository.markUsed("t1", first.plusSeconds(20), first.minusSeconds(40)))
                .isFalse();
        assertThat(repository.find("t1").orElseThrow().lastUsedAt()).isEqualTo(first);

        Instant later = first.plusSeconds(61);
        assertThat(repository.markUsed("t1", later, later.minusSeconds(60))).isTrue();
        assertThat(repository.find("t1").orElseThrow().lastUsedAt()).isEqualTo(later);
        assertThat(repository.markUsed("nope", later, later)).isFalse();
    }
}
