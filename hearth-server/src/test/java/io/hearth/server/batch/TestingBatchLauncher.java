package io.hearth.server.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a batch's main class as a plain {@code java -cp <jar>} process, without Spark: real
 * processes, exit statuses and output, in a fraction of a Spark start-up. Spark conf is ignored.
 */
public final class TestingBatchLauncher implements BatchLauncher {
    private volatile String failNextLaunch;

    /** The next launch throws instead of starting a process. */
    public void failNextLaunch(String message) {
        this.failNextLaunch = message;
    }

    @Override
    public Process launch(BatchLaunch launch) throws IOException {
        String failure = failNextLaunch;
        if (failure != null) {
            failNextLaunch = null;
            throw new IOException(failure);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-cp",
                launch.jar().toString(),
                launch.className()));
        command.addAll(launch.args());
        Files.createDirectories(launch.logFile().getParent());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()))
                .start();
    }
}
