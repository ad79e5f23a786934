package io.hearth.server.store;

/** The stream store contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresStreamRepositoryTest extends StreamRepositoryContractTest {
    PostgresStreamRepositoryTest() {
        super(new PostgresSchema());
    }
}
