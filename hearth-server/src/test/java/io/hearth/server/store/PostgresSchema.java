package io.hearth.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own in the PostgreSQL on 127.0.0.1:5432 (database {@code test}, trust auth as
 * {@code postgres} or {@code root}) for one contract test class; dropped afterwards. Skips the
 * test, saying why, when no PostgreSQL answers there.
 */
final class PostgresSchema implements ContractStore {
    private static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<String> USERS = List.of("postgres", "root");
    /** Enough for the contract's concurrent inserts. */
    private static final int POOL_SIZE = 10;

    private final String schema = "hearth_test_" + UUID.randomUUID().toString().replace("-", "");
    private String user;

    @Override
    public StoreConfig create() {
        List<String> failures = new ArrayList<>();
        for (String candidate : USERS) {
            try (Connection connection = connect(candidate);
                    java.sql.Statement sql = connection.createStatement()) {
                sql.execute("CREATE SCHEMA " + schema);
                user = candidate;
                break;
            } catch (SQLException e) {
                failures.add(candidate + ": " + e.getMessage());
            }
        }
        Assumptions.assumeTrue(user != null, "PostgreSQL not reachable at 127.0.0.1:5432: " + failures);
        return new StoreConfig(SERVER_URL + "?currentSchema=" + schema, user, "", POOL_SIZE);
    }

    @Override
    public void drop() throws SQLException {
        if (user == null) {
            return;
        }
        try (Connection connection = connect(user);
                java.sql.Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static Connection connect(String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", "");
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(SERVER_URL, properties);
    }
}
