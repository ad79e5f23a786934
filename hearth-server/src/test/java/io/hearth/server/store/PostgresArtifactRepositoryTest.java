package io.hearth.server.store;

/** The artifact store contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresArtifactRepositoryTest extends ArtifactRepositoryContractTest {
    PostgresArtifactRepositoryTest() {
        super(new PostgresSchema());
    }
}
