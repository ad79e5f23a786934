package io.hearth.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cold-start baseline: {@code java <Spark's module flags> -cp 'engine/*' SparkSubmit --class
 * EmptySparkApp <bench jar>}, the command the gateway runs for an engine, minus the engine.
 */
final class BareSparkSubmit {
    private static final long TIMEOUT_SECONDS = 180;

    /**
     * @param readyNanos launch to the SparkSession built
     * @param exitNanos launch to the process's exit (session stopped)
     */
    record Result(long readyNanos, long exitNanos) {}

    private BareSparkSubmit() {}

    static Result run(Path distribution, Path benchJar, String master, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx2g"); // the engine's default engine.driver-memory
        command.addAll(sparkModuleFlags());
        command.addAll(List.of(
                "-cp",
                distribution.resolve("engine").toAbsolutePath() + "/*",
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                master,
                "--conf",
                "spark.driver.memory=1g",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--class",
                EmptySparkApp.class.getName(),
                benchJar.toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread watchdog = new Thread(() -> forceAfterTimeout(process), "spark-submit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        long ready = -1;
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (ready < 0 && line.contains(EmptySparkApp.READY)) {
                    ready = System.nanoTime() - start;
                }
            }
        } finally {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        long exit = System.nanoTime() - start;
        if (ready < 0 || process.exitValue() != 0) {
            throw new IOException("EmptySparkApp did not come up (exit " + process.exitValue() + "); see " + log);
        }
        return new Result(ready, exit);
    }

    private static void forceAfterTimeout(Process process) {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The --add-opens and related flags this JVM was started with (bench/run.sh passes Spark's list). */
    static List<String> sparkModuleFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--add-opens")
                        || flag.startsWith("--add-modules")
                        || flag.equals("-XX:+IgnoreUnrecognizedVMOptions")
                        || flag.startsWith("-Djdk.reflect.useDirectMethodHandle")
                        || flag.startsWith("-Dio.netty.tryReflectionSetAccessible"))
                .toList();
    }
}
