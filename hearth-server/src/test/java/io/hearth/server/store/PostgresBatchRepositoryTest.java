package io.hearth.server.store;

/** The batch store contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresBatchRepositoryTest extends BatchRepositoryContractTest {
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
