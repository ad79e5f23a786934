package io.hearth.server.result;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
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
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.BsonWriter;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;

/**
 * Writes a chunk as BSON: one document per row, the column names as keys, documents concatenated
 * (what {@code mongoexport} writes and {@code bsondump} or {@code mongorestore} read). Types map to
 * their BSON kin: integers to int32 (int64 for BIGINT), floats to double, decimals to decimal128
 * (a string when more than 34 digits), strings, booleans, binary (subtype 0), dates and timestamps
 * to UTC datetime (milliseconds: microseconds are cut), arrays to arrays, structs and maps to
 * documents (a map's key as text), intervals and durations as ISO-8601 strings, null as null.
 */
final class BsonRows {
    private final BufferAllocator allocator;

    BsonRows(BufferAllocator allocator) {
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /** Writes a value of one column at a row; the name is already written. */
    @FunctionalInterface
    private interface ValueWriter {
        void write(int index, BsonWriter writer);
    }

    void write(FileChannel chunk, String name, OutputStream out) throws IOException {
        try (BufferAllocator reading = allocator.newChildAllocator(name, 0, Long.MAX_VALUE);
                ArrowStreamReader reader = new ArrowStreamReader(chunk, reading)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<FieldVector> vectors = root.getFieldVectors();
            List<String> names = new ArrayList<>(vectors.size());
            List<ValueWriter> columns = new ArrayList<>(vectors.size());
            for (FieldVector vector : vectors) {
                names.add(vector.getName());
                columns.add(forVector(vector, vector.getName()));
            }
            try (BasicOutputBuffer buffer = new BasicOutputBuffer(64 * 1024)) {
                while (reader.loadNextBatch()) {
                    int rows = root.getRowCount();
                    for (int row = 0; row < rows; row++) {
                        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
                            writer.writeStartDocument();
                            for (int i = 0; i < columns.size(); i++) {
                                writer.writeName(names.get(i));
                                columns.get(i).write(row, writer);
                            }
                            writer.writeEndDocument();
                        }
                        if (buffer.getPosition() >= 32 * 1024) {
                            buffer.pipe(out);
                            buffer.truncateToPosition(0);
                        }
                    }
                }
                buffer.pipe(out);
            }
        }
    }

    private static ValueWriter nullable(ValueVector vector, ValueWriter value) {
        return (index, writer) -> {
            if (vector.isNull(index)) {
                writer.writeNull();
            } else {
                value.write(index, writer);
            }
        };
    }

    private ValueWriter forVector(ValueVector vector, String path) {
        switch (vector.getMinorType()) {
            case NULL:
                return (index, writer) -> writer.writeNull();
            case TINYINT: {
                TinyIntVector values = (TinyIntVector) vector;
                return nullable(vector, (index, writer) -> writer.writeInt32(values.get(index)));
            }
            case SMALLINT: {
                SmallIntVector values = (SmallIntVector) vector;
                return nullable(vector, (index, writer) -> writer.writeInt32(values.get(index)));
            }
            case INT: {
                IntVector values = (IntVector) vector;
                return nullable(vector, (index, writer) -> writer.writeInt32(values.get(index)));
            }
            case BIGINT: {
                BigIntVector values = (BigIntVector) vector;
                return nullable(vector, (index, writer) -> writer.writeInt64(values.get(index)));
            }
            case FLOAT4: {
                Float4Vector values = (Float4Vector) vector;
                return nullable(vector, (index, writer) -> writer.writeDouble(values.get(index)));
            }
            case FLOAT8: {
                Float8Vector values = (Float8Vector) vector;
                return nullable(vector, (index, writer) -> writer.writeDouble(values.get(index)));
            }
            case DECIMAL: {
                DecimalVector values = (DecimalVector) vector;
                return nullable(vector, (index, writer) -> writeDecimal(values.getObject(index), writer));
            }
            case DECIMAL256: {
                Decimal256Vector values = (Decimal256Vector) vector;
                return nullable(vector, (index, writer) -> writeDecimal(values.getObject(index), writer));
            }
            case BIT: {
                BitVector values = (BitVector) vector;
                return nullable(vector, (index, writer) -> writer.writeBoolean(values.get(index) != 0));
            }
            case VARCHAR: {
                VarCharVector values = (VarCharVector) vector;
                return nullable(vector, (index, writer) -> writer.writeString(new String(values.get(index), UTF_8)));
            }
            case LARGEVARCHAR: {
                LargeVarCharVector values = (LargeVarCharVector) vector;
                return nullable(vector, (index, writer) -> writer.writeString(new String(values.get(index), UTF_8)));
            }
            case VARBINARY: {
                VarBinaryVector values = (VarBinaryVector) vector;
                return nullable(vector, (index, writer) -> writer.writeBinaryData(new BsonBinary(values.get(index))));
            }
            case LARGEVARBINARY: {
                LargeVarBinaryVector values = (LargeVarBinaryVector) vector;
                return nullable(vector, (index, writer) -> writer.writeBinaryData(new BsonBinary(values.get(index))));
            }
            case DATEDAY: {
                DateDayVector values = (DateDayVector) vector;
                return nullable(vector, (index, writer) -> writer.writeDateTime(values.get(index) * 86_400_000L));
            }
            case DATEMILLI: {
                DateMilliVector values = (DateMilliVector) vector;
                return nullable(vector, (index, writer) -> writer.writeDateTime(values.get(index)));
            }
            case TIMESTAMPMICROTZ: {
                TimeStampMicroTZVector values = (TimeStampMicroTZVector) vector;
                return nullable(
                        vector, (index, writer) -> writer.writeDateTime(Math.floorDiv(values.get(index), 1_000L)));
            }
            case TIMESTAMPMICRO: {
                TimeStampMicroVector values = (TimeStampMicroVector) vector;
                return nullable(
                        vector, (index, writer) -> writer.writeDateTime(Math.floorDiv(values.get(index), 1_000L)));
            }
            case INTERVALYEAR: {
                IntervalYearVector values = (IntervalYearVector) vector;
                return nullable(
                        vector,
                        (index, writer) -> writer.writeString(
                                Period.ofMonths(values.get(index)).normalized().toString()));
            }
            case DURATION: {
                DurationVector values = (DurationVector) vector;
                return nullable(vector, (index, writer) -> {
                    long amount = DurationVector.get(values.getDataBuffer(), index);
                    writer.writeString(
                            DurationVector.toDuration(amount, values.getUnit()).toString());
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
                                + ", which cannot be written as BSON; fetch the result as ARROW_STREAM");
        }
    }

    /** Decimal128 holds 34 significant digits; Spark's decimals up to 38: wider ones go as text. */
    private static void writeDecimal(BigDecimal value, BsonWriter writer) {
        if (value.precision() <= 34) {
            writer.writeDecimal128(new Decimal128(value));
        } else {
            writer.writeString(value.toPlainString());
        }
    }

    private ValueWriter list(ListVector vector, String path) {
        ValueWriter elements = forVector(vector.getDataVector(), path + ".element");
        return nullable(vector, (index, writer) -> {
            writer.writeStartArray();
            for (int i = vector.getElementStartIndex(index); i < vector.getElementEndIndex(index); i++) {
                elements.write(i, writer);
            }
            writer.writeEndArray();
        });
    }

    private ValueWriter map(MapVector vector, String path) {
        StructVector entries = (StructVector) vector.getDataVector();
        ValueVector keys = entries.getChildByOrdinal(0);
        ValueWriter values = forVector(entries.getChildByOrdinal(1), path + ".value");
        return nullable(vector, (index, writer) -> {
            writer.writeStartDocument();
            for (int i = vector.getElementStartIndex(index); i < vector.getElementEndIndex(index); i++) {
                Object key = keys.getObject(i);
                writer.writeName(key == null ? "null" : key.toString());
                values.write(i, writer);
            }
            writer.writeEndDocument();
        });
    }

    private ValueWriter struct(StructVector vector, String path) {
        List<FieldVector> children = vector.getChildrenFromFields();
        List<String> names = new ArrayList<>(children.size());
        List<ValueWriter> writers = new ArrayList<>(children.size());
        for (FieldVector child : children) {
            names.add(child.getName());
            writers.add(forVector(child, path + "." + child.getName()));
        }
        return nullable(vector, (index, writer) -> {
            writer.writeStartDocument();
            for (int i = 0; i < names.size(); i++) {
                writer.writeName(names.get(i));
                writers.get(i).write(index, writer);
            }
            writer.writeEndDocument();
        });
    }
}
