package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** In an application's conf, the master it runs on (instead of {@code engine.master}). */
    static final String MASTER = "spark.master";

    static final String JARS = "spark.jars";

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
            List<String> jars = new ArrayList<>();
            application.sparkHomeJars().forEach(jar -> jars.add(jar.toString()));
            if (!jars.isEmpty() && application.conf().containsKey(JARS)) {
                // --jars would hide spark.jars: ship both through --jars
                jars.add(application.conf().get(JARS));
            }
            if (!jars.isEmpty()) {
                command.add("--jars");
                command.add(String.join(",", jars));
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
        if (masterOf(command).startsWith("local") && !builder.environment().containsKey("SPARK_LOCAL_IP")) {
            // a local application serves only this machine: keep its driver and UI on loopback
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        }
        return builder.start();
    }

    /** The {@code --master} a command from {@link #command} runs on. */
    private String masterOf(List<String> command) {
        int at = command.indexOf("--master");
        return at >= 0 && at + 1 < command.size() ? command.get(at + 1) : config.master();
    }

    private List<String> sparkArguments(SparkApplication application) {
        Map<String, String> conf = new TreeMap<>(application.conf());
        String master = conf.containsKey(MASTER) ? conf.remove(MASTER) : config.master();
        List<String> arguments = new ArrayList<>(
                List.of("--master", master, "--class", application.mainClass(), "--name", application.name()));
        application.proxyUser().ifPresent(user -> {
            // SparkSubmit runs the main class (and so the SparkContext) inside UGI.createProxyUser(user).doAs
            arguments.add("--proxy-user");
            arguments.add(user);
        });
        if (config.sparkHome().isPresent() && !application.sparkHomeJars().isEmpty()) {
            conf.remove(JARS); // went to --jars with the Spark home's missing jars
        }
        conf.putIfAbsent("spark.driver.memory", application.driverMemory());
        conf.forEach((key, value) -> {
            arguments.add("--conf");
            arguments.add(key + "=" + value);
        });
        return arguments;
    }
}
