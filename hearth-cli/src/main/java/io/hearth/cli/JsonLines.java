package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hearth.api.ResultFormat;
import io.hearth.api.statement.ColumnInfo;
import io.hearth.api.statement.ResultManifest;
import io.hearth.client.ResultChunks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * JSON Lines: one object per row, keyed by column name, its values exactly as the gateway renders
 * them (decimals as strings, timestamps ISO-8601 ...). Each chunk is parsed as it streams in, a row
 * at a time.
 */
final class JsonLines {
    // rows are separated by our own line breaks, not the space Jackson puts between root values
    private static final JsonFactory JSON =
            new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final ResultChunks result;

    JsonLines(ResultChunks result) {
        this.result = requireNonNull(result, "result is null");
    }

    void write(OutputStream out) throws IOException {
        ResultManifest manifest = result.manifest();
        List<String> names =
                manifest.schema().columns().stream().map(ColumnInfo::name).toList();
        JsonGenerator generator = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        for (int chunk = 0; chunk < manifest.totalChunkCount(); chunk++) {
            try (InputStream in = result.fetchChunk(chunk, ResultFormat.JSON_ARRAY);
                    JsonParser parser = JSON.createParser(in)) {
                toRows(parser);
                while (parser.nextToken() == JsonToken.START_ARRAY) {
                    generator.writeStartObject();
                    int column = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        generator.writeFieldName(column < names.size() ? names.get(column) : "_" + column);
                        generator.copyCurrentStructure(parser);
                        column++;
                    }
                    generator.writeEndObject();
                    generator.writeRaw('\n');
                }
            }
        }
        generator.flush();
    }

    /** Moves the parser to the start of {@code data_array}. */
    private static void toRows(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("a JSON chunk is an object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("data_array") && value == JsonToken.START_ARRAY) {
                return;
            }
            parser.skipChildren();
        }
        throw new IOException("a JSON chunk without data_array");
    }
}
