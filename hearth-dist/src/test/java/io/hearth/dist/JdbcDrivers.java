package io.hearth.dist;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The real JDBC drivers a HiveServer2 meets, each loaded from its jar (copied by the build to
 * {@code target/jdbc-drivers}) in a class loader of its own. Both register for {@code jdbc:hive2://}, and
 * the Hive standalone jar carries unshaded Thrift, Hadoop and SLF4J 1 classes, so neither goes on the test
 * classpath or through {@link java.sql.DriverManager}: connections come straight from the driver.
 */
enum JdbcDrivers {
    /** Apache Hive JDBC, standalone jar: what BI tools (DBeaver, Tableau's Hive connector) load. */
    HIVE("hive-jdbc-", "-standalone.jar", "org.apache.hive.jdbc.HiveDriver", "jdbc:hive2://"),
    /** Apache Kyuubi's Hive JDBC driver (shaded); it takes {@code jdbc:kyuubi://} as well as {@code jdbc:hive2://}. */
    KYUUBI("kyuubi-hive-jdbc-shaded-", ".jar", "org.apache.kyuubi.jdbc.KyuubiHiveDriver", "jdbc:kyuubi://");

    /** Where the build copies the driver jars (failsafe sets it); relative to hearth-dist by default. */
    static final Path DIRECTORY = Path.of(System.getProperty("hearth.jdbc.drivers", "target/jdbc-drivers"));

    private final String jarPrefix;
    private final String jarSuffix;
    private final String driverClass;
    private final String urlScheme;
    private Driver driver;

    JdbcDrivers(String jarPrefix, String jarSuffix, String driverClass, String urlScheme) {
        this.jarPrefix = jarPrefix;
        this.jarSuffix = jarSuffix;
        this.driverClass = driverClass;
        this.urlScheme = urlScheme;
    }

    /** {@code <scheme>host:port/database}, for this driver. */
    String url(String host, int port, String database) {
        return urlScheme + host + ":" + port + "/" + database;
    }

    /** A connection as {@code user} with {@code password} (SASL PLAIN; a NOSASL server ignores them). */
    Connection connect(String host, int port, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", requireNonNull(user, "user is null"));
        properties.setProperty("password", requireNonNull(password, "password is null"));
        Connection connection = driver().connect(url(host, port, "default"), properties);
        if (connection == null) {
            throw new SQLException(driverClass + " does not accept " + url(host, port, "default"));
        }
        return connection;
    }

    synchronized Driver driver() {
        if (driver == null) {
            driver = load(jar(DIRECTORY), driverClass);
        }
        return driver;
    }

    Path jar(Path directory) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, jarPrefix + "*" + jarSuffix)) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        throw new IllegalStateException("no " + jarPrefix + "*" + jarSuffix + " in " + directory
                + " (the build copies it there in pre-integration-test)");
    }

    /** The driver class from {@code jar}, in a class loader whose parent sees only the JDK (java.sql). */
    static Driver load(Path jar, String driverClass) {
        try {
            // never closed: the driver's classes live as long as the test JVM
            URLClassLoader loader = new URLClassLoader(
                    "jdbc-" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            return (Driver) Class.forName(driverClass, true, loader)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + driverClass + " from " + jar, e);
        }
    }
}
