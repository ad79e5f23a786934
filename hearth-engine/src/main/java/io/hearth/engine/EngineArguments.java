package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The engine's command line: {@code --engine-id ID --gateway HOST:PORT [--orphan-timeout SECONDS]
 * [--standby]}.
 *
 * @param standby start without a SparkContext, register as standby and wait for BindEngine
 */
record EngineArguments(String engineId, String gatewayHost, int gatewayPort, Duration orphanTimeout, boolean standby) {
    static final String USAGE = "usage: EngineMain --engine-id <id> --gateway <host:port> [--orphan-timeout <seconds>]"
            + " [--standby] (secret in environment variable " + EngineSecret.ENVIRONMENT_VARIABLE + ")";
    static final Duration DEFAULT_ORPHAN_TIMEOUT = Duration.ofSeconds(120);

    EngineArguments {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(gatewayHost, "gatewayHost is null");
        requireNonNull(orphanTimeout, "orphanTimeout is null");
    }

    /** An engine that builds its SparkContext at once (not standby). */
    EngineArguments(String engineId, String gatewayHost, int gatewayPort, Duration orphanTimeout) {
        this(engineId, gatewayHost, gatewayPort, orphanTimeout, false);
    }

    /** Parses the arguments, throwing {@link IllegalArgumentException} with a message that names the problem. */
    static EngineArguments parse(List<String> args) {
        String engineId = null;
        String gateway = null;
        Duration orphanTimeout = DEFAULT_ORPHAN_TIMEOUT;
        boolean standby = false;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--standby")) {
                standby = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args.get(++i);
            switch (name) {
                case "--engine-id" -> engineId = value;
                case "--gateway" -> gateway = value;
                case "--orphan-timeout" -> orphanTimeout = parseSeconds(value);
                default -> throw new IllegalArgumentException("unknown argument " + name);
            }
        }
        if (engineId == null || engineId.isBlank()) {
            throw new IllegalArgumentException("--engine-id is required");
        }
        if (gateway == null) {
            throw new IllegalArgumentException("--gateway is required");
        }
        int colon = gateway.lastIndexOf(':');
        if (colon <= 0 || colon == gateway.length() - 1) {
            throw new IllegalArgumentException("--gateway must be host:port, got '" + gateway + "'");
        }
        int port = parsePort(gateway.substring(colon + 1));
        return new EngineArguments(engineId, gateway.substring(0, colon), port, orphanTimeout, standby);
    }

    private static Duration parseSeconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds <= 0) {
                throw new IllegalArgumentException("--orphan-timeout must be positive, got " + value);
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--orphan-timeout must be a number of seconds, got '" + value + "'", e);
        }
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--gateway port out of range: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--gateway port must be a number, got '" + value + "'", e);
        }
    }
}
