package io.hearth.server.store;

/** The webhook queue contract on PostgreSQL; skipped, saying so, where none answers. */
class PostgresWebhookDeliveriesTest extends WebhookDeliveriesContractTest {
    PostgresWebhookDeliveriesTest() {
        super(new PostgresSchema());
    }
}
