package io.hearth.server.store;

/** The batch store contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresBatchRepositoryTest extends BatchRepositoryContractTest {
    PostgresBatchRepositoryTest() {
        super(new PostgresSchema());
    }
}
