package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an engine needs to start: who it is, the secret it proves that with, where to register, and
 * how its JVM and SparkContext are set up.
 *
 * @param gatewayAddress host:port of the gateway's engine registration service
 * @param spec its JVM and Spark set-up, from its context
 * @param standby start the engine without a SparkContext ({@code --standby}): it warms up,
 *     registers with {@code standby = true} and serves only once {@link EngineConnection#bind}
 *     gave it its Spark conf (and user). Driver memory and JVM options are the launch's.
 * @param proxyUser the user the engine runs as ({@code --proxy-user}) when the gateway
 *     impersonates; never with {@code standby} (a standby engine gets its user when it is bound)
 */
public record EngineLaunch(
        String engineId,
        String secret,
        String gatewayAddress,
        Path logFile,
        Spec spec,
        boolean standby,
        Optional<String> proxyUser) {
    public EngineLaunch {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(gatewayAddress, "gatewayAddress is null");
        requireNonNull(logFile, "logFile is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(proxyUser, "proxyUser is null");
        if (standby && proxyUser.isPresent()) {
            throw new IllegalArgumentException("a standby engine gets its proxy user when it is bound");
        }
    }

    /** An engine that runs as the gateway's own user. */
    public EngineLaunch(
            String engineId, String secret, String gatewayAddress, Path logFile, Spec spec, boolean standby) {
        this(engineId, secret, gatewayAddress, logFile, spec, standby, Optional.empty());
    }

    /** An engine that builds its SparkContext at launch. */
    public EngineLaunch(String engineId, String secret, String gatewayAddress, Path logFile, Spec spec) {
        this(engineId, secret, gatewayAddress, logFile, spec, false);
    }

    @Override
    public String toString() {
        // never print the secret
        return "EngineLaunch[engineId=" + engineId + ", gatewayAddress=" + gatewayAddress + (standby ? ", standby" : "")
                + proxyUser.map(user -> ", proxyUser=" + user).orElse("") + "]";
    }

    /**
     * The engine program's Spark set-up, from its context.
     *
     * @param master Spark's master URL
     * @param driverMemory the JVM heap
     * @param sparkConf all Spark conf ({@code engine.conf.*} and the context's)
     * @param jars jars for the engine's classpath and executors ({@code spark.jars})
     */
    public record Spec(String master, String driverMemory, Map<String, String> sparkConf, List<Path> jars) {
        public Spec {
            requireNonNull(master, "master is null");
            requireNonNull(driverMemory, "driverMemory is null");
            sparkConf = Map.copyOf(sparkConf);
            jars = List.copyOf(jars);
        }
    }
}
