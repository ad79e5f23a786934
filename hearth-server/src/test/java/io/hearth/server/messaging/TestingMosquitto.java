package io.hearth.server.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mosquitto for the tests: the system broker on 127.0.0.1:1883, and private brokers (the real
 * {@code /usr/sbin/mosquitto}, on a free port, with persistence) that a test may stop and start
 * again without touching the system one. Stopped with SIGTERM, a private broker saves its sessions
 * and queued messages, so a subscriber with a persistent session misses nothing across a restart.
 */
final class TestingMosquitto implements AutoCloseable {
    static final String SYSTEM_URL = "tcp://127.0.0.1:1883";
    static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");

    private final Path directory;
    private final int port;
    private Process process;

    private TestingMosquitto(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Whether the system broker answers on 127.0.0.1:1883. */
    static boolean systemBrokerAvailable() {
        return accepts(1883);
    }

    static boolean executableAvailable() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** Starts a private broker on a free port, keeping its state under {@code directory}. */
    static TestingMosquitto start(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(
                directory.resolve("mosquitto.conf"),
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous true",
                        // started as root, mosquitto would switch to its own user, who cannot write the state here
                        "user " + System.getProperty("user.name"),
                        "persistence true",
                        "persistence_location " + directory + "/",
                        "log_dest stdout",
                        ""),
                StandardCharsets.UTF_8);
        TestingMosquitto mosquitto = new TestingMosquitto(directory, port);
        mosquitto.start();
        return mosquitto;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    synchronized void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(
                        EXECUTABLE.toString(),
                        "-c",
                        directory.resolve("mosquitto.conf").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("mosquitto.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException(
                        "mosquitto did not start on " + port + "; see " + directory.resolve("mosquitto.log"));
            }
            Thread.sleep(20);
        }
    }

    /** Stops the broker with SIGTERM, so it saves its state. */
    synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
