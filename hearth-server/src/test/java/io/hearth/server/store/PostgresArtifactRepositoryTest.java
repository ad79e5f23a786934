package io.hearth.server.store;

/** The artifact store contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresArtifactRepositoryTest extends ArtifactRepositoryContractTest {
    private final PostgresSchema schema = new PostgresSchema();

    @Override
    protected StoreConfig storeConfig() {
        return schema.create();
    }

    @Override
    protected void dropStore() throws Exception {
        schema.drop();
    }
}
