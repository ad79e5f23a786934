package io.hearth.server.store;

import java.sql.SQLException;

/**
 * The contract against the PostgreSQL on 127.0.0.1:5432, in a schema of its own that is dropped
 * afterwards; skipped, saying why, when no PostgreSQL answers there.
 */
class PostgresSessionRepositoryTest extends SessionRepositoryContractTest {
    private final TestingPostgresSchema schema = new TestingPostgresSchema();

    @Override
    protected StoreConfig storeConfig() {
        return schema.create();
    }

    @Override
    protected void dropStore() throws SQLException {
        schema.drop();
    }
}
