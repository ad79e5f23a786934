package io.hearth.server.result;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.statement.ColumnInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Converts one chunk file as it streams out, one record batch in memory at a time. Only reading
 * decodes batches; writing a result never does.
 */
final class ChunkConverter {
    private final BufferAllocator allocator;
    private final ValueRenderers renderers;

    ChunkConverter(BufferAllocator allocator, ValueRenderers renderers) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.renderers = requireNonNull(renderers, "renderers is null");
    }

    /** Writes the chunk's rows as a JSON array of rows, each a JSON array of values. */
    void writeJsonRows(FileChannel chunk, String name, JsonGenerator generator) throws IOException {
        try (BufferAllocator reading = allocator.newChildAllocator(name, 0, Long.MAX_VALUE);
                ArrowStreamReader reader = new ArrowStreamReader(chunk, reading)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<ValueRenderer> columns = renderers.forVectors(root.getFieldVectors());
            generator.writeStartArray();
            while (reader.loadNextBatch()) {
                int rows = root.getRowCount();
                for (int row = 0; row < rows; row++) {
                    generator.writeStartArray();
                    for (ValueRenderer column : columns) {
                        column.writeJson(row, generator);
                    }
                    generator.writeEndArray();
                }
            }
            generator.writeEndArray();
        }
    }

    /** Writes the chunk as concatenated BSON documents, one per row ({@link BsonRows}). */
    void writeBson(FileChannel chunk, String name, OutputStream out) throws IOException {
        new BsonRows(allocator).write(chunk, name, out);
    }

    /** Writes the chunk as RFC 4180 CSV (CRLF line ends) with a header row of the column names. */
    void writeCsv(FileChannel chunk, String name, List<ColumnInfo> header, OutputStream out) throws IOException {
        // Per call: CSVFormat's print methods are synchronized, so shared instances would serialize
        // concurrent downloads.
        CsvCells cells = new CsvCells(new BufferedWriter(new OutputStreamWriter(out, UTF_8)));
        try (BufferAllocator reading = allocator.newChildAllocator(name, 0, Long.MAX_VALUE);
                ArrowStreamReader reader = new ArrowStreamReader(chunk, reading)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<ValueRenderer> columns = renderers.forVectors(root.getFieldVectors());
            if (header.size() != columns.size()) {
                throw new HearthException(
                        ErrorCode.INTERNAL_ERROR,
                        "chunk " + name + " has " + columns.size() + " columns, its manifest " + header.size());
            }
            for (int i = 0; i < header.size(); i++) {
                cells.print(header.get(i).name(), i == 0);
            }
            cells.endRecord();
            while (reader.loadNextBatch()) {
                int rows = root.getRowCount();
                for (int row = 0; row < rows; row++) {
                    for (int i = 0; i < columns.size(); i++) {
                        cells.print(columns.get(i).text(row), i == 0);
                    }
                    cells.endRecord();
                }
            }
        }
        cells.flush();
    }

    /** RFC 4180 fields: quoted only where needed, except an empty string, so it differs from null. */
    private static final class CsvCells {
        private final Writer writer;
        private final CSVFormat minimal =
                CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.MINIMAL).get();
        private final CSVFormat quoted =
                CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

        CsvCells(Writer writer) {
            this.writer = writer;
        }

        /** Prints one field; a null is an empty, unquoted field. */
        void print(String text, boolean first) throws IOException {
            (text != null && text.isEmpty() ? quoted : minimal).print(text, writer, first);
        }

        void endRecord() throws IOException {
            minimal.println(writer);
        }

        void flush() throws IOException {
            writer.flush();
        }
    }
}
