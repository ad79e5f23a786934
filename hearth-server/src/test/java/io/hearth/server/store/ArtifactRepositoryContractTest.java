package io.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.artifact.Artifact;
import io.hearth.server.artifact.ArtifactPage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcArtifactRepository} store must do, run against each database. */
abstract class ArtifactRepositoryContractTest extends RepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.123456Z");
    private static final Path FILES = Path.of("/data/artifacts");
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    private JdbcArtifactRepository repository;

    protected ArtifactRepositoryContractTest(ContractStore store) {
        super(store, "artifacts");
    }

    @BeforeAll
    void createRepositories() {
        repository = new JdbcArtifactRepository(dataSource(), sha256 -> FILES.resolve(sha256 + ".jar"));
    }

    private static Artifact artifact(String id, String owner, String sha256, Instant createdAt) {
        return new Artifact(id, owner, "app-" + id + ".jar", sha256, 1234, FILES.resolve(sha256 + ".jar"), createdAt);
    }

    @Test
    void roundTripsEveryFieldWithThePathOfItsContent() {
        Artifact artifact = artifact("a1", "alice", SHA_A, T0);

        repository.insert(artifact);

        assertThat(repository.find("a1")).contains(artifact);
        assertThat(repository.find("nope")).isEmpty();
    }

    @Test
    void listsAnOwnersArtifactsNewestFirst() {
        repository.insert(artifact("a1", "alice", SHA_A, T0));
        repository.insert(artifact("a2", "alice", SHA_B, T0.plusSeconds(1)));
        repository.insert(artifact("a3", "alice", SHA_B, T0.plusSeconds(1)));
        repository.insert(artifact("b1", "bob", SHA_A, T0.plusSeconds(2)));

        assertThat(repository.list(Optional.of("alice"), Optional.empty(), 10))
                .extracting(Artifact::id)
                .containsExactly("a3", "a2", "a1");
        assertThat(repository.list(Optional.of("alice"), Optional.empty(), 2))
                .extracting(Artifact::id)
                .containsExactly("a3", "a2");
        // the next page starts after a2, which shares its creation time with a3
        assertThat(repository.list(Optional.of("alice"), Optional.of(new ArtifactPage(T0.plusSeconds(1), "a2")), 2))
                .extracting(Artifact::id)
                .containsExactly("a1");
        assertThat(repository.list(Optional.of("carol"), Optional.empty(), 10)).isEmpty();
        assertThat(repository.list(Optional.empty(), Optional.empty(), 10))
                .as("every owner's")
                .extracting(Artifact::id)
                .containsExactly("b1", "a3", "a2", "a1");
    }

    @Test
    void countsTheRecordsSharingAFileAndDeletesOnce() {
        repository.insert(artifact("a1", "alice", SHA_A, T0));
        repository.insert(artifact("b1", "bob", SHA_A, T0));

        assertThat(repository.countBySha256(SHA_A)).isEqualTo(2);
        assertThat(repository.delete("a1")).isTrue();
        assertThat(repository.delete("a1")).isFalse();
        assertThat(repository.countBySha256(SHA_A)).isEqualTo(1);
        assertThat(repository.countBySha256(SHA_B)).isZero();
    }
}
