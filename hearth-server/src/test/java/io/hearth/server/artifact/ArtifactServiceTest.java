package io.hearth.server.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.server.TestJars;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.store.Database;
import io.hearth.server.store.JdbcArtifactRepository;
import io.hearth.server.store.StoreConfig;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ownership and usage rules of artifacts, over the embedded store. */
class ArtifactServiceTest {
    private static final Principal ALICE = new Principal("alice");
    private static final Principal BOB = new Principal("bob");

    @TempDir
    Path dataDirectory;

    private final Map<String, List<String>> functions = new ConcurrentHashMap<>();
    private Database database;
    private ArtifactService artifacts;

    @BeforeEach
    void start() {
        database = Database.open(StoreConfig.defaults(dataDirectory));
        ArtifactConfig config = ArtifactConfig.defaults(dataDirectory);
        AtomicInteger ids = new AtomicInteger();
        artifacts = new ArtifactService(
                new JdbcArtifactRepository(database.dataSource(), config::fileFor),
                artifactId -> functions.getOrDefault(artifactId, List.of()),
                config,
                Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC),
                () -> "artifact-" + ids.incrementAndGet());
    }

    @AfterEach
    void stop() {
        database.close();
    }

    private Artifact upload(Principal principal, String name, String content) {
        byte[] jar = TestJars.jar(Map.of("content.txt", content));
        return artifacts.upload(principal, name, new ByteArrayInputStream(jar));
    }

    @Test
    void eachUserSeesOnlyTheirOwnArtifacts() {
        Artifact alices = upload(ALICE, "a.jar", "same");
        Artifact bobs = upload(BOB, "b.jar", "same");

        assertThat(artifacts.find(ALICE, alices.id())).isEqualTo(alices);
        assertThat(artifacts.list(OwnerFilter.only(ALICE.name()), Optional.empty(), 50))
                .containsExactly(alices);
        assertThat(artifacts.list(OwnerFilter.only(BOB.name()), Optional.empty(), 50))
                .containsExactly(bobs);
        assertThatThrownBy(() -> artifacts.find(BOB, alices.id()))
                .isInstanceOf(HearthException.class)
                .extracting(e -> ((HearthException) e).errorCode())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> artifacts.delete(BOB, alices.id()))
                .extracting(e -> ((HearthException) e).errorCode())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(alices.path()).isEqualTo(bobs.path()).exists();
    }

    @Test
    void listsNewestFirst() {
        Artifact first = upload(ALICE, "1.jar", "one");
        Artifact second = upload(ALICE, "2.jar", "two");

        // same instant (fixed clock): the id breaks the tie, and ids grow here
        assertThat(artifacts.list(OwnerFilter.only(ALICE.name()), Optional.empty(), 50))
                .containsExactly(second, first);
    }

    @Test
    void anArtifactAFunctionUsesCannotBeDeleted() {
        Artifact artifact = upload(ALICE, "udfs.jar", "udfs");
        functions.put(artifact.id(), List.of("clean_text", "score"));

        assertThatThrownBy(() -> artifacts.delete(ALICE, artifact.id()))
                .isInstanceOf(HearthException.class)
                .hasMessageContaining("clean_text, score")
                .extracting(e -> ((HearthException) e).errorCode())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(artifacts.find(ALICE, artifact.id())).isEqualTo(artifact);
        assertThat(artifact.path()).exists();

        functions.remove(artifact.id());
        artifacts.delete(ALICE, artifact.id());
        assertThat(artifact.path()).doesNotExist();
    }

    @Test
    void theFileStaysWhileAnotherUsersArtifactHasTheSameBytes() {
        Artifact alices = upload(ALICE, "a.jar", "shared bytes");
        Artifact bobs = upload(BOB, "b.jar", "shared bytes");

        artifacts.delete(ALICE, alices.id());

        assertThat(bobs.path()).exists();
        assertThat(Set.copyOf(artifacts.list(OwnerFilter.only(BOB.name()), Optional.empty(), 50)))
                .containsExactly(bobs);
    }
}
