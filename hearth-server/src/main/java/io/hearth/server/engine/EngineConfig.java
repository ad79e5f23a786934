package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How engines are launched and watched.
 *
 * @param engineHome the folder holding the engine jar and Spark's jars ({@code engine.home},
 *     default {@code <hearth home>/engine})
 * @param sparkHome when set, engines are launched with {@code $SPARK_HOME/bin/spark-submit}
 *     ({@code engine.spark-home}, default the SPARK_HOME environment variable)
 * @param javaExecutable the java used for embedded launches ({@code engine.java})
 * @param master Spark's master URL ({@code engine.master}, default {@code local[*]})
 * @param driverMemory the driver's heap ({@code engine.driver-memory}, default {@code 2g})
 * @param sparkConf more Spark conf for every engine ({@code engine.conf.<spark key>})
 * @param prestart start the engine with the gateway rather than on first use ({@code
 *     engine.prestart})
 * @param startTimeout how long an engine may take to register ({@code engine.start-timeout})
 * @param heartbeatInterval how often the gateway pings each engine ({@code
 *     engine.heartbeat-interval})
 * @param heartbeatMisses pings missed in a row before an engine is LOST ({@code
 *     engine.heartbeat-misses})
 * @param logDirectory where each engine's output goes ({@code engine.log-directory})
 */
public record EngineConfig(
        Path engineHome,
        Optional<Path> sparkHome,
        Path javaExecutable,
        String master,
        String driverMemory,
        Map<String, String> sparkConf,
        boolean prestart,
        Duration startTimeout,
        Duration heartbeatInterval,
        int heartbeatMisses,
        Path logDirectory) {

    public EngineConfig {
        requireNonNull(engineHome, "engineHome is null");
        requireNonNull(sparkHome, "sparkHome is null");
        requireNonNull(javaExecutable, "javaExecutable is null");
        requireNonNull(master, "master is null");
        requireNonNull(driverMemory, "driverMemory is null");
        sparkConf = Map.copyOf(sparkConf);
        requireNonNull(startTimeout, "startTimeout is null");
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(logDirectory, "logDirectory is null");
        if (master.isBlank()) {
            throw new IllegalArgumentException("engine.master must not be empty");
        }
        if (startTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("engine.start-timeout must be at least 1s");
        }
        if (heartbeatInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("engine.heartbeat-interval must be at least 100ms");
        }
        if (heartbeatMisses < 1) {
            throw new IllegalArgumentException("engine.heartbeat-misses must be at least 1");
        }
    }
}
