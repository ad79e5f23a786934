package io.hearth.server.store;

/** The statement store contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresStatementRepositoryTest extends StatementRepositoryContractTest {
    PostgresStatementRepositoryTest() {
        super(new PostgresSchema());
    }
}
