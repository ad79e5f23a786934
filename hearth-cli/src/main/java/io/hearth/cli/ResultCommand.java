package io.hearth.cli;

import io.hearth.api.StatementState;
import io.hearth.api.statement.StatementResponse;
import io.hearth.client.HearthClient;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth result ID}: prints the result of a statement that already ran (say, with {@code sql --async}). */
@Command(
        name = "result",
        mixinStandardHelpOptions = true,
        description = "Print the result of a finished statement (waits for it if it still runs).")
final class ResultCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Parameters(paramLabel = "STATEMENT_ID", description = "the statement")
    String statementId;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table, csv, json (JSON Lines) or arrow; default ${DEFAULT-VALUE}")
    OutputFormat format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "write the result to this file instead of stdout")
    Path output;

    @Option(
            names = "--max-width",
            defaultValue = "40",
            paramLabel = "N",
            description = "table format: cut wider values")
    int maxWidth;

    @Override
    public Integer call() throws IOException {
        CliContext context = hearth.context();
        try (HearthClient client = hearth.connect()) {
            StatementResponse statement = client.statements().await(statementId, null, ignored -> {});
            if (statement.status().state() != StatementState.SUCCEEDED) {
                return new ErrorReporter(context.err())
                        .ended("statement " + statement.statementId(), statement.status());
            }
            ResultOutput result = new ResultOutput(client.statements(), maxWidth);
            if (output == null) {
                result.write(statement, format, context.out());
            } else {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
                    result.write(statement, format, out);
                }
            }
        }
        return ExitCode.SUCCESS.code();
    }
}
