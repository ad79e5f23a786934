package io.hearth.server.result;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Chooses how each Arrow vector Spark produces is rendered; the rules are documented on {@link
 * ResultStore}. A type outside them is refused before anything is written.
 */
final class ValueRenderers {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private final JsonFactory jsonFactory;

    ValueRenderers(JsonFactory jsonFactory) {
        this.jsonFactory = requireNonNull(jsonFactory, "jsonFactory is null");
    }

    /** One renderer per vector, in order. */
    List<ValueRenderer> forVectors(List<FieldVector> vectors) {
        List<ValueRenderer> renderers = new ArrayList<>(vectors.size());
        for (FieldVector vector : vectors) {
            renderers.add(forVector(vector, vector.getName()));
        }
        return renderers;
    }

    private ValueRenderer forVector(ValueVector vector, String path) {
        switch (vector.getMinorType()) {
            case NULL:
                return ValueRenderer.scalar(vector, (index, generator) -> generator.writeNull(), index -> null);
            case TINYINT: {
                TinyIntVector values = (TinyIntVector) vector;
                return integer(vector, index -> values.get(index));
            }
            case SMALLINT: {
                SmallIntVector values = (SmallIntVector) vector;
                return integer(vector, index -> values.get(index));
            }
            case INT: {
                IntVector values = (IntVector) vector;
                return integer(vector, values::get);
            }
            case BIGINT: {
                BigIntVector values = (BigIntVector) vector;
                return integer(vector, values::get);
            }
            case FLOAT4: {
                Float4Vector values = (Float4Vector) vector;
                return ValueRenderer.scalar(
                        vector,
                        (index, generator) -> {
                            float value = values.get(index);
                            if (Float.isFinite(value)) {
                                generator.writeNumber(value);
                            } else {
                                generator.writeString(Float.toString(value));
                            }
                        },
                        index -> Float.toString(values.get(index)));
            }
            case FLOAT8: {
                Float8Vector values = (Float8Vector) vector;
                return ValueRenderer.scalar(
                        vector,
                        (index, generator) -> {
                            double value = values.get(index);
                            if (Double.isFinite(value)) {
                                generator.writeNumber(value);
                            } else {
                                generator.writeString(Double.toString(value));
                            }
                        },
                        index -> Double.toString(values.get(index)));
            }
            case DECIMAL: {
                DecimalVector values = (DecimalVector) vector;
                return ValueRenderer.string(
                        vector, index -> values.getObject(index).toPlainString());
            }
            case DECIMAL256: {
                Decimal256Vector values = (Decimal256Vector) vector;
                return ValueRenderer.string(
                        vector, index -> values.getObject(index).toPlainString());
            }
            case BIT: {
                BitVector values = (BitVector) vector;
                return ValueRenderer.scalar(
                        vector,
                        (index, generator) -> generator.writeBoolean(values.get(index) != 0),
                        index -> Boolean.toString(values.get(index) != 0));
            }
            case VARCHAR: {
                VarCharVector values = (VarCharVector) vector;
                return ValueRenderer.string(vector, index -> new String(values.get(index), UTF_8));
            }
            case LARGEVARCHAR: {
                LargeVarCharVector values = (LargeVarCharVector) vector;
                return ValueRenderer.string(vector, index -> new String(values.get(index), UTF_8));
            }
            case VARBINARY: {
                VarBinaryVector values = (VarBinaryVector) vector;
                return ValueRenderer.string(vector, index -> Base64.getEncoder().encodeToString(values.get(index)));
            }
            case LARGEVARBINARY: {
                LargeVarBinaryVector values = (LargeVarBinaryVector) vector;
                return ValueRenderer.string(vector, index -> Base64.getEncoder().encodeToString(values.get(index)));
            }
            case DATEDAY: {
                DateDayVector values = (DateDayVector) vector;
                return ValueRenderer.string(
                        vector, index -> LocalDate.ofEpochDay(values.get(index)).toString());
            }
            case DATEMILLI: {
                DateMilliVector values = (DateMilliVector) vector;
                return ValueRenderer.string(
                        vector,
                        index -> LocalDate.ofEpochDay(Math.floorDiv(values.get(index), 86_400_000L))
                                .toString());
            }
            case TIMESTAMPMICROTZ: {
                TimeStampMicroTZVector values = (TimeStampMicroTZVector) vector;
                return ValueRenderer.string(vector, index -> MICROS.format(fromMicros(values.get(index))) + "Z");
            }
            case TIMESTAMPMICRO: {
                TimeStampMicroVector values = (TimeStampMicroVector) vector;
                return ValueRenderer.string(vector, index -> MICROS.format(fromMicros(values.get(index))));
            }
            case INTERVALYEAR: {
                IntervalYearVector values = (IntervalYearVector) vector;
                return ValueRenderer.string(
                        vector,
                        index -> Period.ofMonths(values.get(index)).normalized().toString());
            }
            case DURATION: {
                DurationVector values = (DurationVector) vector;
                return ValueRenderer.string(vector, index -> {
                    long amount = DurationVector.get(values.getDataBuffer(), index);
                    return DurationVector.toDuration(amount, values.getUnit()).toString();
                });
            }
            case LIST:
                return list((ListVector) vector, path);
            case MAP:
                return map((MapVector) vector, path);
            case STRUCT:
                return struct((StructVector) vector, path);
            default:
                throw new HearthException(
                        ErrorCode.NOT_ACCEPTABLE,
                        "column '" + path + "' has Arrow type "
                                + vector.getField().getType()
                                + ", which cannot be rendered as JSON or CSV; fetch the result as ARROW_STREAM");
        }
    }

    private static ValueRenderer integer(ValueVector vector, java.util.function.IntToLongFunction value) {
        return ValueRenderer.scalar(
                vector,
                (index, generator) -> generator.writeNumber(value.applyAsLong(index)),
                index -> Long.toString(value.applyAsLong(index)));
    }

    private static LocalDateTime fromMicros(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1_000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    private ValueRenderer list(ListVector vector, String path) {
        ValueRenderer elements = forVector(vector.getDataVector(), path + ".element");
        return ValueRenderer.nested(
                vector,
                (index, generator) -> {
                    generator.writeStartArray();
                    for (int i = vector.getElementStartIndex(index); i < vector.getElementEndIndex(index); i++) {
                        elements.writeJson(i, generator);
                    }
                    generator.writeEndArray();
                },
                jsonFactory);
    }

    private ValueRenderer map(MapVector vector, String path) {
        StructVector entries = (StructVector) vector.getDataVector();
        ValueRenderer keys = forVector(entries.getChildByOrdinal(0), path + ".key");
        ValueRenderer values = forVector(entries.getChildByOrdinal(1), path + ".value");
        return ValueRenderer.nested(
                vector,
                (index, generator) -> {
                    generator.writeStartObject();
                    for (int i = vector.getElementStartIndex(index); i < vector.getElementEndIndex(index); i++) {
                        String key = keys.text(i);
                        generator.writeFieldName(key == null ? "null" : key);
                        values.writeJson(i, generator);
                    }
                    generator.writeEndObject();
                },
                jsonFactory);
    }

    private ValueRenderer struct(StructVector vector, String path) {
        List<FieldVector> children = vector.getChildrenFromFields();
        List<String> names = new ArrayList<>(children.size());
        List<ValueRenderer> renderers = new ArrayList<>(children.size());
        for (FieldVector child : children) {
            names.add(child.getName());
            renderers.add(forVector(child, path + "." + child.getName()));
        }
        return ValueRenderer.nested(
                vector, (index, generator) -> writeStruct(index, generator, names, renderers), jsonFactory);
    }

    private static void writeStruct(
            int index, JsonGenerator generator, List<String> names, List<ValueRenderer> renderers) throws IOException {
        generator.writeStartObject();
        for (int i = 0; i < names.size(); i++) {
            generator.writeFieldName(names.get(i));
            renderers.get(i).writeJson(index, generator);
        }
        generator.writeEndObject();
    }
}
