package io.hearth.bench;

import java.io.IOException;
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
 * A JDBC driver loaded from its jar in a class loader of its own (parent: the JDK's platform loader), so its
 * bundled Thrift, Hadoop, Arrow or SLF4J classes never meet the bench's Spark 4.2 classpath, and two drivers
 * for one URL scheme cannot fight in {@link java.sql.DriverManager}.
 */
final class IsolatedJdbcDriver {
    private final Driver driver;
    private final String version;

    private IsolatedJdbcDriver(Driver driver, String version) {
        this.driver = driver;
        this.version = version;
    }

    /** The driver class from the one jar in {@code directory} matching {@code glob}. */
    static IsolatedJdbcDriver load(Path directory, String glob, String driverClass) throws IOException {
        Path jar = null;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, glob)) {
            for (Path candidate : jars) {
                jar = candidate;
            }
        }
        if (jar == null) {
            throw new IOException("no " + glob + " in " + directory + " (the bench build copies it there)");
        }
        // never closed: the driver lives as long as the bench
        URLClassLoader loader = new URLClassLoader(
                "jdbc-" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        try {
            Driver driver = (Driver) Class.forName(driverClass, true, loader)
                    .getDeclaredConstructor()
                    .newInstance();
            return new IsolatedJdbcDriver(driver, jar.getFileName().toString());
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot load " + driverClass + " from " + jar, e);
        }
    }

    Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException(driver.getClass().getName() + " does not accept " + url);
        }
        return connection;
    }

    /** The driver's jar name, which carries its version. */
    String jarName() {
        return version;
    }
}
