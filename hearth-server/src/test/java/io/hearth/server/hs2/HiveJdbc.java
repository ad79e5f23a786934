package io.hearth.server.hs2;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The Apache Hive JDBC driver (4.0.1, standalone jar) in a class loader of its own: its TCLIService
 * classes are built against a shaded libthrift and would clash with the gateway's on one class path.
 * The build passes the jar's path as {@code hearth.test.hive-jdbc-jar}.
 */
final class HiveJdbc {
    private static final Driver DRIVER = load();

    private HiveJdbc() {}

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
            properties.setProperty("password", password);
        }
        Connection connection = DRIVER.connect(url, properties);
        if (connection == null) {
            throw new AssertionError("the Hive driver does not take " + url);
        }
        return connection;
    }

    static String binaryUrl(int port, String rest) {
        return "jdbc:hive2://127.0.0.1:" + port + "/default" + rest;
    }

    static String httpUrl(int port, String rest) {
        return "jdbc:hive2://127.0.0.1:" + port + "/default;transportMode=http;httpPath=cliservice" + rest;
    }

    private static Driver load() {
        String configured = System.getProperty("hearth.test.hive-jdbc-jar");
        Path jar = configured != null && !configured.isBlank() && !configured.startsWith("${")
                ? Path.of(configured)
                : Path.of(
                        System.getProperty("user.home"),
                        ".m2/repository/org/apache/hive/hive-jdbc/4.0.1/hive-jdbc-4.0.1-standalone.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the Hive JDBC standalone jar is not at " + jar);
        }
        try {
            URLClassLoader loader =
                    new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            return (Driver) Class.forName("org.apache.hive.jdbc.HiveDriver", true, loader)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new AssertionError("cannot load the Hive JDBC driver from " + jar, e);
        }
    }
}
