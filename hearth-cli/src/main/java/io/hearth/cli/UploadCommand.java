package io.hearth.cli;

import io.hearth.api.artifact.ArtifactInfo;
import io.hearth.client.HearthClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth upload app.jar}: uploads a jar as an artifact, for functions and batches to use. */
@Command(
        name = "upload",
        mixinStandardHelpOptions = true,
        description = {
            "Upload a jar as an artifact and print its id, SHA-256 and size.",
            "Run it with `hearth batch submit --artifact ID --class ...`."
        })
final class UploadCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JAR", description = "the jar file")
    Path jar;

    @Option(names = "--name", paramLabel = "NAME", description = "the artifact's name (default: the file's name)")
    String name;

    @Option(
            names = {"-q", "--quiet"},
            description = "print only the artifact id, so that A=$(hearth upload -q app.jar) works")
    boolean quiet;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(jar)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + jar);
        }
        try (HearthClient client = hearth.connect()) {
            ArtifactInfo artifact = client.artifacts().upload(jar, name);
            if (quiet) {
                hearth.context().out().println(artifact.artifactId());
            } else {
                ArtifactsCommand.details(artifact).print(hearth.context().out());
            }
        }
        return ExitCode.SUCCESS.code();
    }
}
