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

    private static final Logger log = LoggerFactory.getLogger(ProcessEngineLauncher.class);

    private final EngineConfig config;
    private final SparkSubmit sparkSubmit;

    public ProcessEngineLauncher(EngineConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.sparkSubmit = new SparkSubmit(config);
    }

    @Override
    public EngineProcess launch(EngineLaunch launch) throws IOException {
        List<String> command = command(launch);
        log.info("Launching engine {}: {}", launch.engineId(), String.join(" ", command));
        Process process =
                sparkSubmit.start(command, launch.logFile(), Map.of(SECRET_ENVIRONMENT_VARIABLE, launch.secret()));
        return new OsEngineProcess(process);
    }

    List<String> command(EngineLaunch launch) throws IOException {
        Path engineJar = engineJar();
        List<Path> sparkHomeJars = config.sparkHome().isPresent()
                ? jarsMissingFrom(config.sparkHome().get().resolve("jars"), engineJar)
                : List.of();
        EngineLaunch.Spec spec = launch.spec();
        Map<String, String> conf = new TreeMap<>(spec.sparkConf());
        conf.put(SparkSubmit.MASTER, spec.master());
        if (!spec.jars().isEmpty()) {
            conf.put(SparkSubmit.JARS, spec.jars().stream().map(Path::toString).collect(Collectors.joining(",")));
        }
        return sparkSubmit.command(new SparkApplication(
                "hearth-engine-" + launch.engineId(),
                ENGINE_MAIN_CLASS,
                engineJar,
                engineArguments(launch),
                conf,
                spec.driverMemory(),
                sparkHomeJars,
                launch.proxyUser()));
    }

    private static List<String> engineArguments(EngineLaunch launch) {
        List<String> arguments =
                new ArrayList<>(List.of("--engine-id", launch.engineId(), "--gateway", launch.gatewayAddress()));
        if (launch.standby()) {
            arguments.add("--standby");
        }
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
