package io.hearth.cli;

import io.hearth.api.batch.BatchInfo;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth batch [list | submit ... | status ID | log ID | kill ID]}: Spark applications run to their end. */
@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        description = "Submit a Spark application from an uploaded jar and wait for it; list batches (the default),"
                + " show one's state, print its output, or kill it.",
        subcommands = BatchSubmitCommand.class)
final class BatchCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Override
    public Integer call() {
        return list(20);
    }

    HearthCli hearth() {
        return hearth;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your batches, newest first.")
    int list(
            @Option(
                            names = "--limit",
                            defaultValue = "20",
                            paramLabel = "N",
                            description = "at most N (default ${DEFAULT-VALUE})")
                    int limit) {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            out.printf("%-36s  %-9s  %4s  %-27s  %s%n", "BATCH_ID", "STATE", "EXIT", "CREATED_AT", "CLASS");
            for (BatchInfo batch : client.batches().list(limit)) {
                out.printf(
                        "%-36s  %-9s  %4s  %-27s  %s%n",
                        batch.batchId(),
                        batch.state(),
                        batch.exitCode() == null ? "" : batch.exitCode(),
                        batch.createdAt(),
                        batch.className());
            }
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = {
                "Show a batch.",
                "Exit code: 0 while it runs and when it succeeded, 1 when it failed, 4 when it was killed."
            })
    int status(@Parameters(paramLabel = "BATCH_ID", description = "the batch") String batchId) {
        try (HearthClient client = hearth.connect()) {
            BatchInfo batch = client.batches().find(batchId);
            DetailLines lines = new DetailLines()
                    .add("batch_id", batch.batchId())
                    .add("state", batch.state())
                    .add("owner", batch.owner())
                    .add("artifact_id", batch.artifactId())
                    .add("class_name", batch.className())
                    .add("args", batch.args().isEmpty() ? null : String.join(" ", batch.args()))
                    .add("pid", batch.pid())
                    .add("exit_code", batch.exitCode())
                    .add("created_at", batch.createdAt())
                    .add("started_at", batch.startedAt())
                    .add("finished_at", batch.finishedAt());
            batch.conf().forEach((key, value) -> lines.add("conf." + key, value));
            lines.print(hearth.context().out());
            return new ErrorReporter(hearth.context().err()).ended(batch);
        }
    }

    @Command(
            name = "log",
            mixinStandardHelpOptions = true,
            description = "Print the end of a batch's output (stdout and stderr).")
    int log(
            @Parameters(paramLabel = "BATCH_ID", description = "the batch") String batchId,
            @Option(
                            names = {"-n", "--lines"},
                            defaultValue = "200",
                            paramLabel = "N",
                            description = "the last N lines (default ${DEFAULT-VALUE})")
                    int lines) {
        try (HearthClient client = hearth.connect()) {
            hearth.context().out().print(client.batches().log(batchId, lines));
            hearth.context().out().flush();
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "kill",
            mixinStandardHelpOptions = true,
            description =
                    "Kill a batch: a pending one never starts, a running one is stopped; an ended one stays as it is.")
    int kill(@Parameters(paramLabel = "BATCH_ID", description = "the batch") String batchId) {
        try (HearthClient client = hearth.connect()) {
            BatchInfo batch = client.batches().kill(batchId);
            hearth.context().out().println(batch.batchId() + " " + batch.state());
        }
        return ExitCode.SUCCESS.code();
    }
}
