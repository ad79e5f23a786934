package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import io.hearth.api.statement.StatementResponse;
import io.hearth.client.ResultRows;
import io.hearth.client.Statements;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a finished statement's result in the format asked for, chunk by chunk: whatever its size,
 * at most one chunk (a table: its first 1000 rows, to size the columns) is held at a time.
 */
final class ResultOutput {
    private final Statements statements;
    private final int maxColumnWidth;

    ResultOutput(Statements statements, int maxColumnWidth) {
        this.statements = requireNonNull(statements, "statements is null");
        this.maxColumnWidth = maxColumnWidth;
    }

    void write(StatementResponse statement, OutputFormat format, OutputStream out) throws IOException {
        switch (format) {
            case TABLE -> {
                try (ResultRows rows = statements.rows(statement)) {
                    new TableFormat(maxColumnWidth).write(rows, out);
                }
            }
            case CSV -> new CsvConcatenation(statements).write(statement, out);
            case JSON -> new JsonLines(statements).write(statement, out);
            case ARROW -> new ArrowConcatenation(statements).write(statement, out);
        }
        out.flush();
    }
}
