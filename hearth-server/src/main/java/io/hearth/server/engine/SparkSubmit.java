package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs Spark applications the way Spark does: with {@code $SPARK_HOME/bin/spark-submit} when a
 * Spark home is configured, otherwise with Spark's own {@code SparkSubmit} class on the jars
 * shipped in the distribution's {@code engine/} folder. Engines and batches both start here.
 */
public final class SparkSubmit {
    /**
     * The JVM flags Spark needs on Java 17 (Spark's JavaModuleOptions); spark-submit adds them
     * itself, a direct SparkSubmit run needs them on its command line.
     */
    static final List<String> JAVA_MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /**
     * A driver out of memory is in an unknown state (a Spark thread may have died with work in
     * it): it exits, so the gateway sees it end instead of waiting on it forever.
     */
    static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

    private final EngineConfig config;

    public SparkSubmit(EngineConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /**
     * The command that runs the application on {@code engine.master}.
     *
     * @throws IOException when an embedded launch has no engine folder to take Spark's jars from
     */
    public List<String> command(SparkApplication application) throws IOException {
        requireNonNull(application, "application is null");
        List<String> command = new ArrayList<>();
        if (config.sparkHome().isPresent()) {
            command.add(config.sparkHome()
                    .get()
                    .resolve("bin")
                    .resolve("spark-submit")
                    .toString());
            command.addAll(sparkArguments(application));
            command.add("--driver-memory");
            command.add(application.driverMemory());
            command.add("--driver-java-options");
            command.add(EXIT_ON_OUT_OF_MEMORY);
            if (!application.sparkHomeJars().isEmpty()) {
                command.add("--jars");
                command.add(
                        application.sparkHomeJars().stream().map(Path::toString).collect(Collectors.joining(",")));
            }
        } else {
            if (!Files.isDirectory(config.engineHome())) {
                throw new IOException("engine.home " + config.engineHome().toAbsolutePath()
                        + " is not a directory holding Spark's jars");
            }
            command.add(config.javaExecutable().toString());
            command.add("-Xmx" + application.driverMemory());
            command.add(EXIT_ON_OUT_OF_MEMORY);
            command.addAll(JAVA_MODULE_OPTIONS);
            command.add("-cp");
            command.add(config.engineHome().toAbsolutePath() + "/*");
            command.add("org.apache.spark.deploy.SparkSubmit");
            command.addAll(sparkArguments(application));
        }
        command.add(application.jar().toString());
        command.addAll(application.arguments());
        return command;
    }

    /**
     * Starts a command from {@link #command}, its output and errors appended to the log file.
     *
     * @param environment more environment variables for the process (secrets travel here, never on
     *     the command line)
     */
    public Process start(List<String> command, Path logFile, Map<String, String> environment) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        if (config.master().startsWith("local") && !builder.environment().containsKey("SPARK_LOCAL_IP")) {
            // a local application serves only this machine: keep its driver and UI on loopback
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        }
        return builder.start();
    }

    private List<String> sparkArguments(SparkApplication application) {
        List<String> arguments = new ArrayList<>(
                List.of("--master", config.master(), "--class", application.mainClass(), "--name", application.name()));
        Map<String, String> conf = new TreeMap<>(application.conf());
        conf.putIfAbsent("spark.driver.memory", application.driverMemory());
        conf.forEach((key, value) -> {
            arguments.add("--conf");
            arguments.add(key + "=" + value);
        });
        return arguments;
    }
}
