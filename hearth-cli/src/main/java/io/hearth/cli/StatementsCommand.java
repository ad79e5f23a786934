package io.hearth.cli;

import io.hearth.api.StatementState;
import io.hearth.api.statement.StatementList;
import io.hearth.api.statement.StatementSummary;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hearth statements}: the caller's statements, newest first. */
@Command(name = "statements", mixinStandardHelpOptions = true, description = "List your statements, newest first.")
final class StatementsCommand implements Callable<Integer> {
    private static final int SQL_WIDTH = 60;

    @ParentCommand
    HearthCli hearth;

    @Option(names = "--state", paramLabel = "STATE", description = "only these: ${COMPLETION-CANDIDATES}")
    StatementState state;

    @Option(
            names = "--limit",
            defaultValue = "20",
            paramLabel = "N",
            description = "at most N (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--page-token", paramLabel = "TOKEN", description = "continue where an earlier listing stopped")
    String pageToken;

    @Override
    public Integer call() {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            StatementList page = client.statements().list(state, limit, pageToken);
            out.printf("%-36s  %-9s  %-27s  %8s  %s%n", "STATEMENT_ID", "STATE", "CREATED_AT", "ROWS", "SQL");
            for (StatementSummary statement : page.statements()) {
                out.printf(
                        "%-36s  %-9s  %-27s  %8s  %s%n",
                        statement.statementId(),
                        statement.state(),
                        statement.createdAt(),
                        statement.totalRowCount() == null ? "" : statement.totalRowCount(),
                        oneLine(statement.statement()));
            }
            if (page.nextPageToken() != null) {
                out.println("(more: --page-token " + page.nextPageToken() + ")");
            }
        }
        return ExitCode.SUCCESS.code();
    }

    private static String oneLine(String sql) {
        String line = sql == null ? "" : sql.replaceAll("\\s+", " ").strip();
        return line.length() <= SQL_WIDTH ? line : line.substring(0, SQL_WIDTH - 3) + "...";
    }
}
