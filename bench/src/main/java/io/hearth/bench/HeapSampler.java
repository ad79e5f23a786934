package io.hearth.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Samples another JVM's heap with one long-running {@code jstat -gc PID INTERVAL} (one extra JVM, not
 * one per sample), keeping the highest heap in use (survivors + eden + old) and the highest committed.
 * The gateway exports no JVM memory metrics, so this is how its heap is watched from outside.
 */
final class HeapSampler implements AutoCloseable {
    private final Process jstat;
    private final Thread reader;
    private volatile double peakUsedKib = -1;
    private volatile double peakCommittedKib = -1;
    private volatile int samples;

    private HeapSampler(Process jstat) {
        this.jstat = jstat;
        this.reader = new Thread(this::read, "heap-sampler-" + jstat.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts sampling, or returns empty when no jstat sits beside this JVM's java. */
    static Optional<HeapSampler> start(long pid, int intervalMillis) throws IOException {
        Optional<Path> jstat = ProcessHandle.current()
                .info()
                .command()
                .map(java -> Path.of(java).resolveSibling("jstat"))
                .filter(Files::isExecutable);
        if (jstat.isEmpty()) {
            return Optional.empty();
        }
        Process process = new ProcessBuilder(List.of(
                        jstat.get().toString(),
                        "-J-Xmx32m",
                        "-gc",
                        Long.toString(pid),
                        Integer.toString(intervalMillis)))
                .redirectErrorStream(true)
                .start();
        return Optional.of(new HeapSampler(process));
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = null;
            String line;
            while ((line = in.readLine()) != null) {
                List<String> fields = List.of(line.trim().split("\\s+"));
                if (fields.contains("EU")) {
                    header = fields;
                    continue;
                }
                if (header == null || fields.size() != header.size()) {
                    continue;
                }
                try {
                    double used = field(header, fields, "S0U")
                            + field(header, fields, "S1U")
                            + field(header, fields, "EU")
                            + field(header, fields, "OU");
                    double committed = field(header, fields, "S0C")
                            + field(header, fields, "S1C")
                            + field(header, fields, "EC")
                            + field(header, fields, "OC");
                    peakUsedKib = Math.max(peakUsedKib, used);
                    peakCommittedKib = Math.max(peakCommittedKib, committed);
                    samples++;
                } catch (NumberFormatException e) {
                    // a line that is not a sample
                }
            }
        } catch (IOException e) {
            // jstat ended with the process it watched
        }
    }

    private static double field(List<String> header, List<String> fields, String name) {
        return Double.parseDouble(fields.get(header.indexOf(name)).replace(',', '.'));
    }

    /** The highest heap in use seen (live data and garbage not yet collected), MiB; negative if never sampled. */
    double peakUsedMib() {
        return peakUsedKib / 1024;
    }

    double peakCommittedMib() {
        return peakCommittedKib / 1024;
    }

    int samples() {
        return samples;
    }

    @Override
    public void close() {
        jstat.destroy();
        try {
            if (!jstat.waitFor(5, TimeUnit.SECONDS)) {
                jstat.destroyForcibly();
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            jstat.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
