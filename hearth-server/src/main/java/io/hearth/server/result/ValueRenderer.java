package io.hearth.server.result;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.function.IntFunction;
import org.apache.arrow.vector.ValueVector;

/**
 * Renders the values of one Arrow vector, row by row, as JSON and as text (the CSV cell). Built by
 * {@link ValueRenderers} for the vectors of one record batch.
 */
final class ValueRenderer {
    @FunctionalInterface
    interface JsonWriting {
        void write(int index, JsonGenerator generator) throws IOException;
    }

    private final ValueVector vector;
    private final JsonWriting json;
    private final IntFunction<String> text;

    private ValueRenderer(ValueVector vector, JsonWriting json, IntFunction<String> text) {
        this.vector = requireNonNull(vector, "vector is null");
        this.json = requireNonNull(json, "json is null");
        this.text = requireNonNull(text, "text is null");
    }

    /** A value written as a JSON string: its text form. */
    static ValueRenderer string(ValueVector vector, IntFunction<String> text) {
        return new ValueRenderer(vector, (index, generator) -> generator.writeString(text.apply(index)), text);
    }

    /** A value written as a JSON scalar (number, boolean), with its own text form. */
    static ValueRenderer scalar(ValueVector vector, JsonWriting json, IntFunction<String> text) {
        return new ValueRenderer(vector, json, text);
    }

    /** A nested value (array, object): its text form is its JSON text. */
    static ValueRenderer nested(ValueVector vector, JsonWriting json, JsonFactory factory) {
        return new ValueRenderer(vector, json, index -> jsonText(json, index, factory));
    }

    void writeJson(int index, JsonGenerator generator) throws IOException {
        if (vector.isNull(index)) {
            generator.writeNull();
        } else {
            json.write(index, generator);
        }
    }

    /** The value's text form, or null for a null value. */
    String text(int index) {
        return vector.isNull(index) ? null : text.apply(index);
    }

    private static String jsonText(JsonWriting json, int index, JsonFactory factory) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(buffer)) {
            json.write(index, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString();
    }
}
