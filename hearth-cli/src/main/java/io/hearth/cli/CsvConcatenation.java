package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ResultFormat;
import io.hearth.api.statement.StatementResponse;
import io.hearth.client.Statements;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One CSV document from a result's chunks: each chunk arrives as CSV with its own header row, so
 * the first chunk is copied whole and the header record of every other one is skipped (quotes
 * respected: a column name may hold a line break).
 */
final class CsvConcatenation {
    private final Statements statements;

    CsvConcatenation(Statements statements) {
        this.statements = requireNonNull(statements, "statements is null");
    }

    void write(StatementResponse statement, OutputStream out) throws IOException {
        String id = statement.statementId();
        int chunks = statement.manifest().totalChunkCount();
        for (int chunk = 0; chunk < chunks; chunk++) {
            try (InputStream in = statements.fetchChunk(id, chunk, ResultFormat.CSV)) {
                if (chunk > 0) {
                    skipHeader(in);
                }
                in.transferTo(out);
            }
        }
    }

    private static void skipHeader(InputStream in) throws IOException {
        boolean quoted = false;
        int c;
        while ((c = in.read()) != -1) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                return;
            }
        }
    }
}
