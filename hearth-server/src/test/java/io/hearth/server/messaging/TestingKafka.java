package io.hearth.server.messaging;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker for tests, in KRaft mode (broker and controller in one process),
 * run as a child JVM over the broker's jars that the build copied to {@code target/kafka-broker}
 * (the system property {@code hearth.test.kafka-broker-classpath}). A child JVM, so a test can stop
 * it and start it again on the same port and log directory, as an outage and a recovery; and so the
 * broker's Scala stays off the gateway's classpath.
 *
 * <p>Tuned to start fast: one partition per topic, replication factor 1, small log segments, no
 * initial rebalance delay.
 */
public final class TestingKafka implements AutoCloseable {
    private static final String CLASSPATH_PROPERTY = "hearth.test.kafka-broker-classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final Path configFile;
    private Process process;

    private TestingKafka(Path directory, int port, int controllerPort) {
        this.directory = requireNonNull(directory, "directory is null");
        this.port = port;
        this.controllerPort = controllerPort;
        this.configFile = directory.resolve("server.properties");
    }

    /** Formats a log directory under {@code directory} and starts a broker on free ports. */
    public static TestingKafka start(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        TestingKafka kafka = new TestingKafka(directory, freePort(), freePort());
        kafka.writeConfig();
        kafka.format();
        kafka.start();
        return kafka;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (again) on the same port and log directory, and waits until it serves. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = java("kafka.Kafka", configFile.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("broker.log").toFile()))
                .start();
        awaitServing();
    }

    /** Stops the broker (a controlled shutdown), keeping its log directory for {@link #start}. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** Creates a topic with one partition (the broker also creates topics on first use). */
    public void createTopic(String name, int partitions) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeConfig() throws IOException {
        Path logs = directory.resolve("logs");
        String config = String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=1",
                "default.replication.factor=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.segment.bytes=1048576",
                "num.network.threads=1",
                "num.io.threads=2",
                "background.threads=2",
                "");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
    }

    private void format() throws IOException, InterruptedException {
        Process formatting = java(
                        "kafka.tools.StorageTool",
                        "format",
                        "--config",
                        configFile.toString(),
                        // Kafka's own generator: it never starts an id with '-', which the tool's
                        // argument parser would read as an option (1 random id in 64 did).
                        "--cluster-id",
                        Uuid.randomUuid().toString(),
                        "--ignore-formatted")
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("format.log").toFile()))
                .start();
        if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
            formatting.destroyForcibly();
            Path log = directory.resolve("format.log");
            throw new IOException("formatting the Kafka log directory failed; " + log + " says:\n"
                    + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(nothing)"));
        }
    }

    private ProcessBuilder java(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-Djava.awt.headless=true",
                "-cp",
                classpath(),
                mainClass));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** The broker's own jars, then the test classpath (kafka-clients, Jackson, SLF4J and Logback). */
    private static String classpath() {
        String brokerJars = System.getProperty(CLASSPATH_PROPERTY);
        if (brokerJars == null || !Files.isDirectory(Path.of(brokerJars))) {
            throw new IllegalStateException(CLASSPATH_PROPERTY + " does not name the folder of the Kafka broker's jars"
                    + " (the build copies them to hearth-server/target/kafka-broker; run the tests through Maven)");
        }
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(brokerJars))) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> entries.add(jar.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, entries);
    }

    private void awaitServing() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the Kafka broker exited with " + process.exitValue() + "; see "
                        + directory.resolve("broker.log"));
            }
            if (accepts(port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the Kafka broker did not listen on " + port + " within " + START_TIMEOUT);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
