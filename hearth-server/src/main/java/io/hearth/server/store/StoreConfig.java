package io.hearth.server.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the metadata store lives and how many connections it may use.
 *
 * @param url the JDBC URL, H2 or PostgreSQL ({@code store.url}, default an H2 file under {@code
 *     <data-dir>/metadata})
 * @param user the database user ({@code store.user}, default {@code hearth})
 * @param password the database password ({@code store.password}, default empty)
 * @param maxPoolSize the most connections held open ({@code store.pool.max-size}, default 10)
 */
public record StoreConfig(String url, String user, String password, int maxPoolSize) {
    public static final String URL_KEY = "store.url";
    public static final String USER_KEY = "store.user";
    public static final String PASSWORD_KEY = "store.password";
    public static final String MAX_POOL_SIZE_KEY = "store.pool.max-size";

    public static final String DEFAULT_USER = "hearth";
    public static final String DEFAULT_PASSWORD = "";
    public static final int DEFAULT_MAX_POOL_SIZE = 10;

    /**
     * Options for the embedded H2 file database. AUTO_SERVER=FALSE: only this gateway opens the file
     * (several gateways share PostgreSQL, not H2). FILE_LOCK=FS: an operating system file lock, which
     * the OS releases when the process dies, so a crash never leaves a stale lock behind.
     * DB_CLOSE_ON_EXIT=FALSE: the gateway closes the pool itself at shutdown, after the last write,
     * rather than H2's own shutdown hook racing it. DEFAULT_LOCK_TIMEOUT=10000: a compare-and-set on
     * a row another connection is changing waits up to 10 s instead of H2's default 1 s.
     */
    public static final String H2_FILE_OPTIONS =
            ";AUTO_SERVER=FALSE;FILE_LOCK=FS;DB_CLOSE_ON_EXIT=FALSE;DEFAULT_LOCK_TIMEOUT=10000";

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

    public StoreConfig {
        requireNonNull(url, URL_KEY + " is null");
        requireNonNull(user, USER_KEY + " is null");
        password = password == null ? DEFAULT_PASSWORD : password;
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    URL_KEY + " must start with jdbc:h2: or jdbc:postgresql: but was " + redact(url));
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException(MAX_POOL_SIZE_KEY + " must be at least 1 but was " + maxPoolSize);
        }
    }

    /** The embedded default: an H2 file database at {@code <dataDir>/metadata/hearth.mv.db}. */
    public static StoreConfig defaults(Path dataDir) {
        return new StoreConfig(defaultUrl(dataDir), DEFAULT_USER, DEFAULT_PASSWORD, DEFAULT_MAX_POOL_SIZE);
    }

    /** The H2 file URL for a data directory, with {@link #H2_FILE_OPTIONS}. */
    public static String defaultUrl(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("metadata").resolve("hearth");
        return "jdbc:h2:file:" + file + H2_FILE_OPTIONS;
    }

    public boolean isPostgresql() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL without any password it may carry, for messages and logs. */
    public String redactedUrl() {
        return redact(url);
    }

    private static String redact(String url) {
        return PASSWORD_IN_URL.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "StoreConfig[url=" + redactedUrl() + ", user=" + user + ", password=***, maxPoolSize=" + maxPoolSize
                + "]";
    }
}
