package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What an engine needs to start: who it is, the secret it proves that with, where to register.
 *
 * @param gatewayAddress host:port of the gateway's engine registration service
 * @param standby start the engine without a SparkContext ({@code --standby}): it warms up,
 *     registers with {@code standby = true} and serves only once {@link EngineConnection#bind}
 *     gave it its Spark conf (and user). Driver memory and JVM options are the launch's.
 */
public record EngineLaunch(String engineId, String secret, String gatewayAddress, Path logFile, boolean standby) {
    public EngineLaunch {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(gatewayAddress, "gatewayAddress is null");
        requireNonNull(logFile, "logFile is null");
    }

    /** An engine that builds its SparkContext at launch. */
    public EngineLaunch(String engineId, String secret, String gatewayAddress, Path logFile) {
        this(engineId, secret, gatewayAddress, logFile, false);
    }

    /** A standby engine, to be bound later with {@link EngineConnection#bind}. */
    public static EngineLaunch standby(String engineId, String secret, String gatewayAddress, Path logFile) {
        return new EngineLaunch(engineId, secret, gatewayAddress, logFile, true);
    }

    @Override
    public String toString() {
        // never print the secret
        return "EngineLaunch[engineId=" + engineId + ", gatewayAddress=" + gatewayAddress + (standby ? ", standby" : "")
                + "]";
    }
}
