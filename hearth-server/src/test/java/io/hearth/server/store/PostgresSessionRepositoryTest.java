package io.hearth.server.store;

/** The session store contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresSessionRepositoryTest extends SessionRepositoryContractTest {
    PostgresSessionRepositoryTest() {
        super(new PostgresSchema());
    }
}
