package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Spark application to submit: the engine program, or a user's batch.
 *
 * @param name Spark's application name ({@code --name})
 * @param mainClass the class whose {@code main} runs ({@code --class})
 * @param jar the application jar
 * @param arguments what {@code main} receives
 * @param conf Spark conf ({@code --conf key=value}); {@code spark.driver.memory} is added
 * @param driverMemory the driver's heap ({@code -Xmx} or {@code --driver-memory})
 * @param sparkHomeJars jars to ship with {@code --jars} when Spark comes from a Spark home (an
 *     embedded launch has the whole engine folder on its class path already)
 * @param proxyUser the user the application runs as ({@code --proxy-user}), when impersonating
 */
public record SparkApplication(
        String name,
        String mainClass,
        Path jar,
        List<String> arguments,
        Map<String, String> conf,
        String driverMemory,
        List<Path> sparkHomeJars,
        Optional<String> proxyUser) {
    public SparkApplication {
        requireNonNull(name, "name is null");
        requireNonNull(mainClass, "mainClass is null");
        requireNonNull(jar, "jar is null");
        arguments = List.copyOf(arguments);
        conf = Map.copyOf(conf);
        requireNonNull(driverMemory, "driverMemory is null");
        sparkHomeJars = List.copyOf(sparkHomeJars);
        requireNonNull(proxyUser, "proxyUser is null");
    }

    /** An application that runs as the gateway's own user. */
    public SparkApplication(
            String name,
            String mainClass,
            Path jar,
            List<String> arguments,
            Map<String, String> conf,
            String driverMemory,
            List<Path> sparkHomeJars) {
        this(name, mainClass, jar, arguments, conf, driverMemory, sparkHomeJars, Optional.empty());
    }
}
