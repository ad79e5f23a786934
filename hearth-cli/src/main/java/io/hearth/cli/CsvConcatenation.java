package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ResultFormat;
import io.hearth.client.ResultChunks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One CSV document from a result's chunks: each chunk arrives as CSV with its own header row, so
 * the first chunk is copied whole and the header record of every other one is skipped (quotes
 * respected: a column name may hold a line break).
 */
final class CsvConcatenation {
    private final ResultChunks result;

    CsvConcatenation(ResultChunks result) {
        this.result = requireNonNull(result, "result is null");
    }

    void write(OutputStream out) throws IOException {
        for (int chunk = 0; chunk < result.chunkCount(); chunk++) {
            try (InputStream in = result.fetchChunk(chunk, ResultFormat.CSV)) {
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
