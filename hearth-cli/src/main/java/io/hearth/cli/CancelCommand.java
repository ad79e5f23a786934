package io.hearth.cli;

import io.hearth.api.statement.StatementResponse;
import io.hearth.client.HearthClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth cancel ID}: asks a statement to stop. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = "Cancel a statement; a finished statement stays as it is.")
final class CancelCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Parameters(paramLabel = "STATEMENT_ID", description = "the statement")
    String statementId;

    @Override
    public Integer call() {
        try (HearthClient client = hearth.connect()) {
            StatementResponse statement = client.statements().cancel(statementId);
            hearth.context()
                    .out()
                    .println(statement.statementId() + " " + statement.status().state());
        }
        return ExitCode.SUCCESS.code();
    }
}
