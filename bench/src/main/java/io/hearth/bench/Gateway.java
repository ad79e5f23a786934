package io.hearth.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A gateway run from the distribution's bin/hearth in its own process; closing it stops it and its engines. */
final class Gateway implements AutoCloseable {
    private static final String SERVING = "Hearth is serving on ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI uri;
    private final Path log;
    private final long startNanos;
    private final long servingNanos;
    private volatile long lastPeakRssKib = -1;

    private Gateway(Process process, URI uri, Path log, long startNanos, long servingNanos) {
        this.process = process;
        this.uri = uri;
        this.log = log;
        this.startNanos = startNanos;
        this.servingNanos = servingNanos;
    }

    static Gateway start(Path distribution, Path dataDirectory, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDirectory);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        distribution.resolve("bin").resolve("hearth").toString(),
                        "server",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--data-dir",
                        dataDirectory.toString()))
                .redirectErrorStream(true);
        // the HiveServer2 ports are fixed by default: free ones unless the caller chose
        builder.environment().put("HEARTH_HS2_PORT", "0");
        builder.environment().put("HEARTH_HS2_HTTP_PORT", "0");
        // a free port, as for REST: gateways of one run (or of other runs) must not collide on 8993
        builder.environment().put("HEARTH_FLIGHT_SQL_PORT", "0");
        builder.environment().putAll(environment);
        long startNanos = System.nanoTime();
        Process process = builder.start();
        CompletableFuture<URI> serving = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyOutput(process, log, serving), "gateway-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        URI uri;
        try {
            uri = serving.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IOException("the gateway did not start within " + START_TIMEOUT + "; see " + log, e);
        }
        return new Gateway(process, uri, log, startNanos, System.nanoTime());
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<URI> serving) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                int at = line.indexOf(SERVING);
                if (at >= 0 && !serving.isDone()) {
                    String rest = line.substring(at + SERVING.length());
                    serving.complete(URI.create(rest.split(" ", 2)[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            serving.completeExceptionally(e);
        }
        serving.completeExceptionally(new IOException("the gateway exited with " + exitCode(process)));
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    URI uri() {
        return uri;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Milliseconds from launching bin/hearth to its "serving" line. */
    double startMillis() {
        return (servingNanos - startNanos) / 1e6;
    }

    /** The gateway JVM's peak resident set (VmHWM), KiB, or empty when /proc does not tell. */
    OptionalLong peakRssKib() {
        OptionalLong now = ProcStatus.kib(process.pid(), "VmHWM");
        if (now.isPresent()) {
            lastPeakRssKib = now.getAsLong();
            return now;
        }
        return lastPeakRssKib < 0 ? OptionalLong.empty() : OptionalLong.of(lastPeakRssKib);
    }

    /** Whether the gateway threw an OutOfMemoryError (its launch command names -XX:+ExitOnOutOfMemoryError, so match the class). */
    boolean loggedOutOfMemory() throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.contains("java.lang.OutOfMemoryError"));
        }
    }

    @Override
    public void close() {
        peakRssKib();
        stop(process);
    }

    /** SIGTERM to the gateway (it stops its engines), then force whatever is left of it and its children. */
    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (ProcessHandle child : children) {
                if (child.isAlive()) {
                    child.destroy();
                    child.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // fall through to forcing
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
