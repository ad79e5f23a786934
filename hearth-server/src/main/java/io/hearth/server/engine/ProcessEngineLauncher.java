package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches engines the way Spark applications are launched: with {@code
 * $SPARK_HOME/bin/spark-submit} when a Spark home is configured, otherwise by running Spark's own
 * {@code SparkSubmit} on the jars shipped in the distribution's {@code engine/} folder.
 */
public final class ProcessEngineLauncher implements EngineLauncher {
    static final String ENGINE_MAIN_CLASS = "io.hearth.engine.EngineMain";
    static final String SECRET_ENVIRONMENT_VARIABLE = "HEARTH_ENGINE_SECRET";

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
     * An engine out of memory is in an unknown state (a Spark thread may have died with a statement
     * in it): it exits, the gateway sees it LOST, and its statements fail instead of hanging.
     */
    static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

    private static final Logger log = LoggerFactory.getLogger(ProcessEngineLauncher.class);

    private final EngineConfig config;

    public ProcessEngineLauncher(EngineConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public EngineProcess launch(EngineLaunch launch) throws IOException {
        List<String> command = command(launch);
        Files.createDirectories(launch.logFile().toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
        builder.environment().put(SECRET_ENVIRONMENT_VARIABLE, launch.secret());
        if (config.master().startsWith("local") && !builder.environment().containsKey("SPARK_LOCAL_IP")) {
            // a local engine serves only this machine: keep its driver and UI on loopback
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        }
        log.info("Launching engine {}: {}", launch.engineId(), String.join(" ", command));
        Process process = builder.start();
        return new OsEngineProcess(process);
    }

    List<String> command(EngineLaunch launch) throws IOException {
        Path engineJar = engineJar();
        List<String> command = new ArrayList<>();
        if (config.sparkHome().isPresent()) {
            Path sparkHome = config.sparkHome().get();
            command.add(sparkHome.resolve("bin").resolve("spark-submit").toString());
            command.addAll(sparkArguments(launch));
            command.add("--driver-memory");
            command.add(config.driverMemory());
            command.add("--driver-java-options");
            command.add(EXIT_ON_OUT_OF_MEMORY);
            List<Path> extraJars = jarsMissingFrom(sparkHome.resolve("jars"), engineJar);
            if (!extraJars.isEmpty()) {
                command.add("--jars");
                command.add(extraJars.stream().map(Path::toString).collect(Collectors.joining(",")));
            }
        } else {
            command.add(config.javaExecutable().toString());
            command.add("-Xmx" + config.driverMemory());
            command.add(EXIT_ON_OUT_OF_MEMORY);
            command.addAll(JAVA_MODULE_OPTIONS);
            command.add("-cp");
            command.add(config.engineHome().toAbsolutePath() + "/*");
            command.add("org.apache.spark.deploy.SparkSubmit");
            command.addAll(sparkArguments(launch));
        }
        command.add(engineJar.toString());
        command.add("--engine-id");
        command.add(launch.engineId());
        command.add("--gateway");
        command.add(launch.gatewayAddress());
        return command;
    }

    private List<String> sparkArguments(EngineLaunch launch) {
        List<String> arguments = new ArrayList<>(List.of(
                "--master",
                config.master(),
                "--class",
                ENGINE_MAIN_CLASS,
                "--name",
                "hearth-engine-" + launch.engineId()));
        Map<String, String> conf = new TreeMap<>(config.sparkConf());
        conf.putIfAbsent("spark.driver.memory", config.driverMemory());
        conf.forEach((key, value) -> {
            arguments.add("--conf");
            arguments.add(key + "=" + value);
        });
        return arguments;
    }

    private Path engineJar() throws IOException {
        Path home = config.engineHome().toAbsolutePath();
        if (!Files.isDirectory(home)) {
            throw new IOException("engine.home " + home + " is not a directory holding the engine's jars");
        }
        try (Stream<Path> jars = Files.list(home)) {
            return jars.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.startsWith("hearth-engine-") && name.endsWith(".jar");
                    })
                    .findFirst()
                    .orElseThrow(() -> new IOException("engine.home " + home + " holds no hearth-engine jar"));
        }
    }

    private List<Path> jarsMissingFrom(Path sparkJars, Path engineJar) throws IOException {
        Set<String> present;
        try (Stream<Path> jars = Files.list(sparkJars)) {
            present = jars.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
        try (Stream<Path> jars = Files.list(config.engineHome().toAbsolutePath())) {
            return jars.filter(path -> path.getFileName().toString().endsWith(".jar"))
                    .filter(path -> !path.equals(engineJar))
                    .filter(path -> !present.contains(path.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    private static final class OsEngineProcess implements EngineProcess {
        private final Process process;
        private final CompletableFuture<Integer> exit;

        OsEngineProcess(Process process) {
            this.process = process;
            this.exit = process.onExit().thenApply(Process::exitValue);
        }

        @Override
        public OptionalLong pid() {
            return OptionalLong.of(process.pid());
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit;
        }

        @Override
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
