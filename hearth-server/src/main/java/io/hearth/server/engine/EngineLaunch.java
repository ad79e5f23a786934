package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What an engine needs to start: who it is, the secret it proves that with, where to register.
 *
 * @param gatewayAddress host:port of the gateway's engine registration service
 */
public record EngineLaunch(String engineId, String secret, String gatewayAddress, Path logFile) {
    public EngineLaunch {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(gatewayAddress, "gatewayAddress is null");
        requireNonNull(logFile, "logFile is null");
    }

    @Override
    public String toString() {
        // never print the secret
        return "EngineLaunch[engineId=" + engineId + ", gatewayAddress=" + gatewayAddress + "]";
    }
}
