package io.hearth.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference peer: Spark's own Thrift Server (a HiveServer2, Spark 3.5 on Scala 2.12) in a child JVM, on the
 * classpath {@code bench/sts-peer} copies to its {@code target/lib}, with a warehouse and a Derby metastore of
 * its own under a work folder. Started the way {@code sbin/start-thriftserver.sh} starts it (SparkSubmit of
 * {@code HiveThriftServer2} with the {@code spark-internal} resource), listening on 127.0.0.1 only, without
 * authentication (SASL PLAIN, any user and password). Closing it stops it.
 */
final class StsPeer implements AutoCloseable {
    static final String MAIN_CLASS = "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final double startMillis;
    private final String sparkVersion;

    private StsPeer(Process process, int port, double startMillis, String sparkVersion) {
        this.process = process;
        this.port = port;
        this.startMillis = startMillis;
        this.sparkVersion = sparkVersion;
    }

    /**
     * Starts the server and waits until its Thrift port accepts connections (it opens the port once its
     * SparkContext and metastore are up).
     *
     * @param lib the folder holding the server's jars ({@code bench/sts-peer/target/lib})
     * @param work a folder for its warehouse, metastore and log
     * @param master the Spark master, e.g. {@code local[2]}
     * @param javaOptions the JVM options of its driver, e.g. {@code -Xmx2g}
     */
    static StsPeer start(Path lib, Path work, String master, List<String> javaOptions)
            throws IOException, InterruptedException {
        String sparkVersion = sparkVersion(lib);
        Files.createDirectories(work);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(javaOptions);
        command.addAll(BareSparkSubmit.sparkModuleFlags());
        // Derby writes derby.log and its lock files under derby.system.home, not into the current folder
        command.add("-Dderby.system.home=" + work.toAbsolutePath());
        command.addAll(List.of(
                "-cp",
                lib.toAbsolutePath() + File.separator + "*",
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                master,
                "--class",
                MAIN_CLASS,
                "--name",
                "hearth-bench-sts-peer",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--conf",
                "spark.sql.warehouse.dir=" + work.resolve("warehouse").toAbsolutePath(),
                "spark-internal",
                // HiveThriftServer2's own arguments come after the resource
                "--hiveconf",
                "hive.server2.thrift.port=" + port,
                "--hiveconf",
                "hive.server2.thrift.bind.host=127.0.0.1",
                "--hiveconf",
                "hive.server2.transport.mode=binary",
                "--hiveconf",
                "javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName="
                        + work.resolve("metastore_db").toAbsolutePath() + ";create=true"));
        Path log = work.resolve("sts.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        long begin = System.nanoTime();
        Process process = builder.start();
        long deadline = begin + START_TIMEOUT.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new IOException("Spark Thrift Server exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                stop(process);
                throw new IOException(
                        "Spark Thrift Server did not open port " + port + " within " + START_TIMEOUT + "; see " + log);
            }
            Thread.sleep(100); // polling a port: nothing to wait on
        }
        return new StsPeer(process, port, (System.nanoTime() - begin) / 1e6, sparkVersion);
    }

    int port() {
        return port;
    }

    /** Milliseconds from launching the JVM to its Thrift port accepting connections. */
    double startMillis() {
        return startMillis;
    }

    /** The Spark version of the server's jars (from the spark-core jar's name). */
    String sparkVersion() {
        return sparkVersion;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String sparkVersion(Path lib) throws IOException {
        if (!Files.isDirectory(lib)) {
            throw new IOException(lib + " does not exist: build it with mvn -B -q -f bench/sts-peer/pom.xml package");
        }
        try (var jars = Files.list(lib)) {
            return jars.map(jar -> jar.getFileName().toString())
                    .filter(name -> name.startsWith("spark-core_"))
                    // spark-core_2.12-3.5.4.jar
                    .map(name -> name.substring(name.lastIndexOf('-') + 1, name.length() - ".jar".length()))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no spark-core jar in " + lib));
        }
    }
}
