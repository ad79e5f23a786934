package io.hearth.cli;

import io.hearth.api.artifact.ArtifactInfo;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth artifacts [list | show ID | delete ID]}: the jars you uploaded. */
@Command(
        name = "artifacts",
        mixinStandardHelpOptions = true,
        description = "List your uploaded jars (the default), show one, or delete one. Upload with `hearth upload`.")
final class ArtifactsCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Override
    public Integer call() {
        return list();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your artifacts, newest first.")
    int list() {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            out.printf("%-36s  %-30s  %12s  %-27s  %s%n", "ARTIFACT_ID", "NAME", "SIZE_BYTES", "CREATED_AT", "SHA256");
            for (ArtifactInfo artifact : client.artifacts().list()) {
                out.printf(
                        "%-36s  %-30s  %12d  %-27s  %s%n",
                        artifact.artifactId(),
                        artifact.name(),
                        artifact.sizeBytes(),
                        artifact.createdAt(),
                        artifact.sha256());
            }
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an artifact.")
    int show(@Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact") String artifactId) {
        try (HearthClient client = hearth.connect()) {
            details(client.artifacts().find(artifactId)).print(hearth.context().out());
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete an artifact; a batch running from it is not disturbed.")
    int delete(@Parameters(paramLabel = "ARTIFACT_ID", description = "the artifact") String artifactId) {
        try (HearthClient client = hearth.connect()) {
            client.artifacts().delete(artifactId);
            hearth.context().out().println(artifactId + " deleted");
        }
        return ExitCode.SUCCESS.code();
    }

    /** An artifact as {@code show} and {@code upload} print it. */
    static DetailLines details(ArtifactInfo artifact) {
        return new DetailLines()
                .add("artifact_id", artifact.artifactId())
                .add("name", artifact.name())
                .add("sha256", artifact.sha256())
                .add("size_bytes", artifact.sizeBytes())
                .add("owner", artifact.owner())
                .add("created_at", artifact.createdAt());
    }
}
