package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata database: a connection pool, migrated to the current schema when it opens. Open it
 * once in the composition root and close it last, after everything that uses it.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** How long a caller waits for a pooled connection before the store counts as unavailable. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #isHealthy()} lets the database answer. */
    static final int HEALTH_CHECK_TIMEOUT_SECONDS = 2;

    private final StoreConfig config;
    private final HikariDataSource dataSource;

    private Database(StoreConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    /**
     * Opens the pool and applies pending migrations from {@code classpath:db/migration}.
     *
     * @throws HearthException STORE_UNAVAILABLE, naming the URL (never the password), when the
     *     database cannot be reached or migrated
     */
    public static Database open(StoreConfig config) {
        requireNonNull(config, "config is null");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikariConfig(config));
        } catch (RuntimeException e) {
            throw unavailable(config, "cannot connect to", e);
        }
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            log.info(
                    "Metadata store ready at {} (schema version {}, {} migration(s) applied now)",
                    config.redactedUrl(),
                    result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            dataSource.close();
            throw unavailable(config, "cannot migrate", e);
        }
        return new Database(config, dataSource);
    }

    /** Publishes the connection pool's usage (active, idle, pending, timeouts, acquire time) as {@code hikaricp_*}. */
    public void bindMetrics(MeterRegistry registry) {
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    private static HikariConfig hikariConfig(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("hearth-store");
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hikari.setValidationTimeout(
                Duration.ofSeconds(HEALTH_CHECK_TIMEOUT_SECONDS).toMillis());
        // Fail at start-up, not at the first request, when the database does not answer.
        hikari.setInitializationFailTimeout(1);
        hikari.setAutoCommit(true);
        return hikari;
    }

    private static HearthException unavailable(StoreConfig config, String what, RuntimeException e) {
        return new HearthException(
                ErrorCode.STORE_UNAVAILABLE,
                "metadata store error: " + what + " " + config.redactedUrl() + ": " + rootMessage(e),
                e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public StoreConfig config() {
        return config;
    }

    /**
     * Whether the database answers now: borrows a connection (waiting at most the pool's connection
     * timeout) and checks it with a {@value #HEALTH_CHECK_TIMEOUT_SECONDS} s validity check.
     */
    public boolean isHealthy() {
        if (dataSource.isClosed()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(HEALTH_CHECK_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            log.debug("Metadata store health check failed", e);
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
