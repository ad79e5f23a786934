package io.hearth.server.store;

/** The functions store contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresFunctionRepositoryTest extends FunctionRepositoryContractTest {
    PostgresFunctionRepositoryTest() {
        super(new PostgresSchema());
    }
}
