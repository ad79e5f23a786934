package io.hearth.cli;

import io.hearth.api.ResultFormat;
import io.hearth.client.ResultChunks;
import io.hearth.client.ResultRows;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a finished result (a statement's, or a job's Dataset) in the format asked for, chunk by
 * chunk: whatever its size, at most one chunk (a table: its first 1000 rows, to size the columns)
 * is held at a time.
 */
final class ResultOutput {
    private final int maxColumnWidth;

    ResultOutput(int maxColumnWidth) {
        this.maxColumnWidth = maxColumnWidth;
    }

    void write(ResultChunks result, OutputFormat format, OutputStream out) throws IOException {
        switch (format) {
            case TABLE -> {
                try (ResultRows rows = result.rows()) {
                    new TableFormat(maxColumnWidth).write(rows, out);
                }
            }
            case CSV -> new CsvConcatenation(result).write(out);
            case JSON -> new JsonLines(result).write(out);
            case ARROW -> new ArrowConcatenation(result).write(out);
            case BSON -> {
                // concatenated documents are a valid BSON stream: the chunks are copied as they come
                for (int chunk = 0; chunk < result.chunkCount(); chunk++) {
                    try (InputStream in = result.fetchChunk(chunk, ResultFormat.BSON)) {
                        in.transferTo(out);
                    }
                }
            }
        }
        out.flush();
    }

    /** {@code --output FILE}: the file, its folders created, buffered; the caller closes it. */
    static OutputStream openFile(Path output) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new BufferedOutputStream(Files.newOutputStream(output), 64 * 1024);
    }
}
