package io.hearth.server;

import io.hearth.server.config.ConfigException;
import io.hearth.server.config.ConfigLoader;
import io.hearth.server.config.HearthConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth server}: runs the gateway in the foreground until it is stopped. */
@Command(
        name = "hearth",
        mixinStandardHelpOptions = true,
        description = "Hearth: Spark as a Service.",
        subcommands = {HearthMain.Server.class})
public final class HearthMain implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new HearthMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(
            name = "server",
            mixinStandardHelpOptions = true,
            description = "Run the Hearth gateway in the foreground.")
    static final class Server implements Callable<Integer> {
        @Option(names = "--port", description = "REST port (http.port; default 8990)")
        Integer port;

        @Option(names = "--host", description = "address to listen on (http.host; default 127.0.0.1)")
        String host;

        @Option(names = "--data-dir", description = "where metadata, results and engine logs live (data-dir)")
        Path dataDirectory;

        @Option(names = "--config", description = "configuration file (properties syntax)")
        Path configFile;

        @Override
        public Integer call() throws Exception {
            Path home = Path.of(System.getProperty("hearth.home", "."))
                    .toAbsolutePath()
                    .normalize();
            Optional<Path> file = Optional.ofNullable(configFile).or(() -> defaultConfig(home));
            Map<String, String> commandLine = new LinkedHashMap<>();
            if (port != null) {
                commandLine.put("http.port", port.toString());
            }
            if (host != null) {
                commandLine.put("http.host", host);
            }
            if (dataDirectory != null) {
                commandLine.put("data-dir", dataDirectory.toString());
            }
            HearthConfig config;
            try {
                config = ConfigLoader.load(file, System.getenv(), commandLine, home);
            } catch (ConfigException e) {
                System.err.println("hearth: " + e.getMessage());
                return 2;
            }
            HearthServer server;
            try {
                server = HearthServer.start(config);
            } catch (RuntimeException e) {
                // the cause was logged where it happened; say in one line why Hearth did not start
                System.err.println("hearth: could not start: " + rootMessage(e));
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                server.close();
                                stopped.countDown();
                            },
                            "hearth-shutdown"));
            System.out.println("Hearth is serving on http://" + config.http().host() + ":" + server.port()
                    + " (data in " + config.dataDirectory() + ")");
            if (server.hs2Port() >= 0) {
                System.out.println("HiveServer2 (JDBC) is serving on jdbc:hive2://"
                        + config.hs2().host() + ":" + server.hs2Port() + "/default");
            }
            server.flightSqlPort()
                    .ifPresent(port -> System.out.println("Arrow Flight SQL is serving on grpc://"
                            + config.flightSql().host() + ":" + port));
            stopped.await();
            return 0;
        }

        private static String rootMessage(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            return root == failure ? message : message + " (" + root + ")";
        }

        private static Optional<Path> defaultConfig(Path home) {
            Path candidate = home.resolve("conf").resolve("hearth.conf");
            return candidate.toFile().isFile() ? Optional.of(candidate) : Optional.empty();
        }
    }
}
