package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How engines outlive a gateway restart.
 *
 * @param registrationPort the port engines register at ({@code engine.registration-port}, default
 *     {@value #DEFAULT_REGISTRATION_PORT}); fixed so that engines find a restarted gateway; 0 picks
 *     a free port (engines then cannot find a restarted gateway)
 * @param stopOnShutdown stop the engines when the gateway stops ({@code engine.stop-on-shutdown},
 *     default false: they keep running their work and the next gateway takes them back)
 * @param recoveryTimeout how long a starting gateway waits for the engines of the previous one to
 *     register again before it calls them LOST ({@code engine.recovery-timeout}, default 60 s)
 */
public record EngineRecoveryConfig(int registrationPort, boolean stopOnShutdown, Duration recoveryTimeout) {
    public static final int DEFAULT_REGISTRATION_PORT = 8991;
    public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(60);

    public EngineRecoveryConfig {
        requireNonNull(recoveryTimeout, "recoveryTimeout is null");
        if (registrationPort < 0 || registrationPort > 65535) {
            throw new IllegalArgumentException("engine.registration-port must be 0 to 65535, got " + registrationPort);
        }
        if (recoveryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("engine.recovery-timeout must be at least 1s");
        }
    }

    /** Engines stop with the gateway and nothing is taken back: for pools that need no restart. */
    public static EngineRecoveryConfig none() {
        return new EngineRecoveryConfig(0, true, DEFAULT_RECOVERY_TIMEOUT);
    }
}
