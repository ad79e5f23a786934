package io.hearth.server.batch;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a batch's process needs: the application and where its output goes.
 *
 * @param owner who submitted the batch (with impersonation on, it runs as them)
 * @param jar the application jar (a link to the artifact's file, kept while the batch runs)
 */
public record BatchLaunch(
        BatchId batchId,
        String owner,
        Path jar,
        String className,
        List<String> args,
        Map<String, String> conf,
        Path logFile) {
    public BatchLaunch {
        requireNonNull(batchId, "batchId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(jar, "jar is null");
        requireNonNull(className, "className is null");
        args = List.copyOf(args);
        conf = Map.copyOf(conf);
        requireNonNull(logFile, "logFile is null");
    }
}
