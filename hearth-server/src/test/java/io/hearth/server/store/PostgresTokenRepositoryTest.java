package io.hearth.server.store;

/** The API token store contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresTokenRepositoryTest extends TokenRepositoryContractTest {
    PostgresTokenRepositoryTest() {
        super(new PostgresSchema());
    }
}
