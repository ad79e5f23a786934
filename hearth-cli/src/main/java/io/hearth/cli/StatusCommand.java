package io.hearth.cli;

import io.hearth.api.statement.Progress;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.StatementResponse;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth status ID}: one statement's state, progress or result size; the exit code says how it ended. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show a statement's state.",
            "Exit code: 0 while it runs and when it succeeded, 1 when it failed, 4 when it was canceled."
        })
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Parameters(paramLabel = "STATEMENT_ID", description = "the statement")
    String statementId;

    @Override
    public Integer call() {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            StatementResponse statement = client.statements().find(statementId);
            out.println(statement.statementId() + " " + statement.status().state());
            Progress progress = statement.status().progress();
            if (progress != null) {
                out.printf(
                        "progress: %d/%d tasks, %d/%d stages%s%n",
                        progress.tasksCompleted(),
                        progress.tasksTotal(),
                        progress.stagesCompleted(),
                        progress.stagesTotal(),
                        progress.message() == null ? "" : ", " + progress.message());
            }
            ResultManifest manifest = statement.manifest();
            if (manifest != null) {
                out.printf(
                        "result: %d rows in %d chunks, %d bytes%s%n",
                        manifest.totalRowCount(),
                        manifest.totalChunkCount(),
                        manifest.totalByteCount(),
                        manifest.truncated() ? " (truncated)" : "");
            }
            return new ErrorReporter(hearth.context().err())
                    .ended("statement " + statement.statementId(), statement.status());
        }
    }
}
