package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The engine program, launched by the gateway through SparkSubmit:
 * {@code --engine-id ID --gateway HOST:PORT [--orphan-timeout SECONDS] [--standby]}, with the one-time secret in
 * {@code HEARTH_ENGINE_SECRET}. Exit status: 0 stopped on request, 1 could not start, 2 bad arguments.
 */
public final class EngineMain {
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_ARGUMENTS = 2;

    private EngineMain() {}

    public static void main(String[] args) throws InterruptedException {
        // Master, app name and the rest of the Spark conf come from SparkSubmit's system properties;
        // a standby engine's bind conf overrides them
        System.exit(run(List.of(args), System.getenv(), SparkSessionFactory.fromSystemProperties(), Clock.systemUTC()));
    }

    static int run(List<String> args, Map<String, String> environment, Supplier<SparkSession> sessions, Clock clock)
            throws InterruptedException {
        requireNonNull(sessions, "sessions is null");
        return run(args, environment, conf -> sessions.get(), clock);
    }

    static int run(List<String> args, Map<String, String> environment, SparkSessionFactory sessions, Clock clock)
            throws InterruptedException {
        EngineArguments arguments;
        EngineSecret secret;
        try {
            arguments = EngineArguments.parse(args);
            String secretValue = environment.get(EngineSecret.ENVIRONMENT_VARIABLE);
            if (secretValue == null || secretValue.isEmpty()) {
                throw new IllegalArgumentException(EngineSecret.ENVIRONMENT_VARIABLE + " is not set");
            }
            secret = new EngineSecret(secretValue);
        } catch (IllegalArgumentException e) {
            System.err.println("hearth-engine: " + e.getMessage());
            System.err.println(EngineArguments.USAGE);
            return EXIT_BAD_ARGUMENTS;
        }
        try (GatewayClient gateway =
                new GatewayClient(arguments.gatewayHost(), arguments.gatewayPort(), secret, clock)) {
            return new Engine(arguments, secret, gateway, sessions, clock).run();
        }
    }
}
