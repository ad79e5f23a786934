package io.hearth.server.store;

/** The contexts store contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresContextRepositoryTest extends ContextRepositoryContractTest {
    PostgresContextRepositoryTest() {
        super(new PostgresSchema());
    }
}
