package io.hearth.server.store;

/** The outbox contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresOutboxTest extends OutboxContractTest {
    PostgresOutboxTest() {
        super(new PostgresSchema());
    }
}
