package io.hearth.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: one {@code Master} and one {@code Worker}, each a
 * child JVM running Spark's own classes from the distribution's {@code engine/} folder, with a
 * small memory and one core. Closing it stops both and every executor the Worker started, and a
 * shutdown hook does the same should the test JVM end without closing it.
 */
final class SparkStandaloneCluster implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Spark's JVM flags on Java 17 (as SparkSubmit.JAVA_MODULE_OPTIONS in the gateway). */
    private static final List<String> JAVA_MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private final Path sparkHome;
    private final int masterPort;
    private final int masterWebUiPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopProcesses, "spark-standalone-cluster-stop");

    private SparkStandaloneCluster(Path sparkHome, int masterPort, int masterWebUiPort) {
        this.sparkHome = sparkHome;
        this.masterPort = masterPort;
        this.masterWebUiPort = masterWebUiPort;
    }

    /**
     * Starts a Master and a Worker (1 core, 1 GiB for executors) and waits until the Worker is
     * registered with the Master.
     *
     * @param sparkJars a folder of Spark's jars (the distribution's {@code engine/} folder); the
     *     cluster gets Spark's jars only, as a Spark distribution has them, not Hearth's
     * @param directory a folder for the cluster's Spark home, work folders and logs
     */
    static SparkStandaloneCluster start(Path sparkJars, Path directory, Duration deadline) throws IOException {
        Path sparkHome = sparkHome(sparkJars, directory.resolve("spark"));
        SparkStandaloneCluster cluster = new SparkStandaloneCluster(sparkHome, freePort(), freePort());
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.launch(
                    directory.resolve("master.log"),
                    // Spark 4 serves REST submissions on the fixed port 6066 by default: not here
                    List.of("-Dspark.master.rest.enabled=false"),
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(cluster.masterPort),
                    "--webui-port",
                    Integer.toString(cluster.masterWebUiPort));
            cluster.launch(
                    directory.resolve("worker.log"),
                    List.of(),
                    "org.apache.spark.deploy.worker.Worker",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(freePort()),
                    "--webui-port",
                    Integer.toString(freePort()),
                    "--cores",
                    "1",
                    "--memory",
                    "1g",
                    "--work-dir",
                    Files.createDirectories(directory.resolve("work")).toString(),
                    cluster.masterUrl());
            cluster.awaitAliveWorker(deadline, directory);
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The URL engines use as {@code spark.master}. */
    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The Master's status as its web UI serves it at {@code /json/}: workers, active and completed apps. */
    JsonNode masterJson() {
        return fetchJson(masterJsonUri());
    }

    /** A JSON document from any URL (the Worker's or a driver's Spark UI); fails unless HTTP 200. */
    JsonNode fetchJson(URI uri) {
        HttpResponse<String> response;
        try {
            response = get(uri);
        } catch (IOException e) {
            throw new UncheckedIOException(uri + " did not answer", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(uri + " answered no JSON: " + response.body(), e);
        }
    }

    private URI masterJsonUri() {
        return URI.create("http://127.0.0.1:" + masterWebUiPort + "/json/");
    }

    private HttpResponse<String> get(URI uri) throws IOException {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch(Path logFile, List<String> sparkProperties, String mainClass, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(JAVA_MODULE_OPTIONS);
        command.addAll(sparkProperties);
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + "/*");
        command.add(mainClass);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // the Worker builds executors' command lines from SPARK_HOME's jars; without a Scala
        // version it looks for a source build's target folders and fails
        builder.environment()
                .putAll(Map.of(
                        "SPARK_HOME", sparkHome.toString(),
                        "SPARK_SCALA_VERSION", "2.13",
                        "SPARK_LOCAL_IP", "127.0.0.1",
                        "SPARK_LOCAL_HOSTNAME", "127.0.0.1"));
        builder.environment().remove("SPARK_CONF_DIR");
        processes.add(builder.start());
    }

    private void awaitAliveWorker(Duration deadline, Path directory) {
        Instant end = Instant.now().plus(deadline);
        String last = "no answer yet";
        while (Instant.now().isBefore(end)) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "a cluster JVM ended with " + process.exitValue() + "\n" + logTails(directory));
                }
            }
            // until the Master's web UI is up it refuses connections, then answers 404 for a moment
            try {
                HttpResponse<String> response = get(masterJsonUri());
                last = "HTTP " + response.statusCode() + ": " + response.body();
                if (response.statusCode() == 200) {
                    for (JsonNode worker : MAPPER.readTree(response.body()).path("workers")) {
                        if (worker.path("state").asText().equals("ALIVE")) {
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                last = e.toString();
            }
            pause();
        }
        throw new IllegalStateException(
                "no Worker registered with the Master in " + deadline + " (" + last + ")\n" + logTails(directory));
    }

    /** The end of the Master's and the Worker's logs, for a failure message (the folder goes with the test). */
    private static String logTails(Path directory) {
        StringBuilder tails = new StringBuilder();
        for (String name : List.of("master.log", "worker.log")) {
            try {
                List<String> lines = Files.readAllLines(directory.resolve(name));
                tails.append("--- ").append(name).append('\n');
                lines.subList(Math.max(0, lines.size() - 20), lines.size())
                        .forEach(line -> tails.append(line).append('\n'));
            } catch (IOException e) {
                tails.append("--- ").append(name).append(": ").append(e).append('\n');
            }
        }
        return tails.toString();
    }

    /**
     * Stops the Worker (and the executors it started) and the Master: politely first, so the
     * Worker can end its executors, then by force, then any executor that outlived its Worker.
     */
    @Override
    public void close() {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) stopProcesses itself
        }
        removeJarLinks();
    }

    /** The links to the distribution's jars, so the test's temporary folder holds none when it is deleted. */
    private void removeJarLinks() {
        try (java.util.stream.Stream<Path> links = Files.list(sparkHome.resolve("jars"))) {
            for (Path link : (Iterable<Path>) links::iterator) {
                if (Files.isSymbolicLink(link)) {
                    Files.delete(link);
                }
            }
        } catch (IOException e) {
            // the temporary folder's clean-up deletes what is left (and says so)
        }
    }

    private synchronized void stopProcesses() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) { // the Worker before the Master
            Process process = processes.get(i);
            try (Stream<ProcessHandle> descendants = process.descendants()) {
                descendants.forEach(all::add);
            }
            all.add(process.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    /** A Spark home as a Spark distribution lays it out, as far as a Worker needs: jars/ with Spark's jars. */
    private static Path sparkHome(Path sparkJars, Path home) throws IOException {
        Files.createDirectories(home.resolve("jars"));
        try (Stream<Path> jars = Files.list(sparkJars)) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                String name = jar.getFileName().toString();
                if (name.endsWith(".jar") && !name.startsWith("hearth-") && !name.startsWith("grpc-")) {
                    Files.createSymbolicLink(home.resolve("jars").resolve(name), jar.toAbsolutePath());
                }
            }
        }
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
