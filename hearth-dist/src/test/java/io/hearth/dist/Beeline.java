package io.hearth.dist;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Beeline's command line ({@code org.apache.hive.beeline.BeeLine}, Hive 3.1.3 over the Hive 4 JDBC driver) run
 * as a separate process on the jars the build copies to {@code target/beeline}, as a user runs it.
 */
final class Beeline {
    /** Where the build copies Beeline's jars (failsafe sets it); relative to hearth-dist by default. */
    static final Path DIRECTORY = Path.of(System.getProperty("hearth.beeline", "target/beeline"));

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** What one Beeline run printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        /** Standard output's lines, without the blank ones. */
        List<String> lines() {
            return stdout.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private Beeline() {}

    /**
     * The jars in order, the Hive JDBC standalone jar first: it carries the Hadoop {@code Configuration} Beeline
     * loads, and hadoop-client-api's (there only for the few Hadoop classes the standalone jar lacks) would need
     * hadoop-client-runtime's shaded Woodstox. A {@code dir/*} classpath leaves that order to the file system.
     */
    static String classpath() throws IOException {
        List<Path> jars;
        try (var files = Files.list(DIRECTORY)) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted(Comparator.comparing(
                                    (Path jar) -> !jar.getFileName().toString().startsWith("hive-jdbc-"))
                            .thenComparing(jar -> jar.getFileName().toString()))
                    .toList();
        }
        if (jars.isEmpty()) {
            throw new IOException("no jars in " + DIRECTORY + " (the build copies them there in pre-integration-test)");
        }
        return jars.stream()
                .map(jar -> jar.toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Runs {@code beeline -u url -n user -p password --outputformat=csv2 <arguments>} (e.g. {@code -e "sql"} or
     * {@code -f file}) and waits for it; kills it after two minutes.
     */
    static Result run(String url, String user, String password, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-cp",
                classpath(),
                "org.apache.hive.beeline.BeeLine",
                "-u",
                url,
                "-n",
                user,
                "-p",
                password,
                "--outputformat=csv2",
                "--silent=true"));
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile("beeline-", ".out");
        Path stderr = Files.createTempFile("beeline-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("beeline did not finish within " + TIMEOUT + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
