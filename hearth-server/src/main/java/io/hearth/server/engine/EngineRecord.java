package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.engine.EngineState;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An engine as the store keeps it, so a restarted gateway can take it back.
 *
 * @param pid its process id once known (null before)
 * @param host where it serves, once registered (null before)
 * @param port where it serves, once registered (0 before)
 */
public record EngineRecord(
        String engineId,
        String secret,
        String shareKey,
        String user,
        Long pid,
        String host,
        int port,
        EngineState state,
        Instant startedAt,
        Path logFile) {
    public EngineRecord {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(shareKey, "shareKey is null");
        requireNonNull(user, "user is null");
        requireNonNull(state, "state is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(logFile, "logFile is null");
    }

    @Override
    public String toString() {
        // never print the secret
        return "EngineRecord[engineId=" + engineId + ", state=" + state + ", pid=" + pid + "]";
    }
}
