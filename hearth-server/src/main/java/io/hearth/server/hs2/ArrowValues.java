package io.hearth.server.hs2;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hearth.server.hs2.RowSetBuilder.Kind;
import io.hearth.server.result.ChunkReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.IntFunction;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads one column of a chunk's batches as the Java values a {@link RowSetBuilder} takes, by the
 * Arrow vector Spark wrote: numbers and booleans as themselves, binary as bytes, dates and
 * timestamps as the text Hive's clients parse ({@code 2024-05-01}, {@code 2024-05-01 10:00:00.5},
 * in the session's time zone), everything else (decimals, nested values, intervals) as its text.
 */
record ArrowValues(Kind kind, IntFunction<Object> valueAt) {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    static ArrowValues of(ChunkReader reader, int column) {
        FieldVector vector = reader.root().getVector(column);
        IntFunction<Object> text = row -> reader.text(column, row);
        return switch (vector.getMinorType()) {
            case BIT -> {
                BitVector values = (BitVector) vector;
                yield new ArrowValues(Kind.BOOLEAN, row -> values.isNull(row) ? null : values.get(row) != 0);
            }
            case TINYINT -> {
                TinyIntVector values = (TinyIntVector) vector;
                yield new ArrowValues(Kind.BYTE, row -> values.isNull(row) ? null : values.get(row));
            }
            case SMALLINT -> {
                SmallIntVector values = (SmallIntVector) vector;
                yield new ArrowValues(Kind.SHORT, row -> values.isNull(row) ? null : values.get(row));
            }
            case INT -> {
                IntVector values = (IntVector) vector;
                yield new ArrowValues(Kind.INT, row -> values.isNull(row) ? null : values.get(row));
            }
            case BIGINT -> {
                BigIntVector values = (BigIntVector) vector;
                yield new ArrowValues(Kind.LONG, row -> values.isNull(row) ? null : values.get(row));
            }
            case FLOAT4 -> {
                Float4Vector values = (Float4Vector) vector;
                // as the Spark Thrift Server: a float travels as a double, of the float's decimal text
                yield new ArrowValues(
                        Kind.DOUBLE,
                        row -> values.isNull(row) ? null : Double.parseDouble(Float.toString(values.get(row))));
            }
            case FLOAT8 -> {
                Float8Vector values = (Float8Vector) vector;
                yield new ArrowValues(Kind.DOUBLE, row -> values.isNull(row) ? null : values.get(row));
            }
            case VARCHAR -> {
                VarCharVector values = (VarCharVector) vector;
                yield new ArrowValues(
                        Kind.STRING, row -> values.isNull(row) ? null : new String(values.get(row), UTF_8));
            }
            case LARGEVARCHAR -> {
                LargeVarCharVector values = (LargeVarCharVector) vector;
                yield new ArrowValues(
                        Kind.STRING, row -> values.isNull(row) ? null : new String(values.get(row), UTF_8));
            }
            case VARBINARY -> {
                VarBinaryVector values = (VarBinaryVector) vector;
                yield new ArrowValues(Kind.BINARY, row -> values.isNull(row) ? null : values.get(row));
            }
            case LARGEVARBINARY -> {
                LargeVarBinaryVector values = (LargeVarBinaryVector) vector;
                yield new ArrowValues(Kind.BINARY, row -> values.isNull(row) ? null : values.get(row));
            }
            case DATEDAY -> {
                DateDayVector values = (DateDayVector) vector;
                yield new ArrowValues(
                        Kind.STRING,
                        row -> values.isNull(row)
                                ? null
                                : LocalDate.ofEpochDay(values.get(row)).toString());
            }
            case TIMESTAMPMICROTZ -> {
                TimeStampMicroTZVector values = (TimeStampMicroTZVector) vector;
                String zone = ((ArrowType.Timestamp) vector.getField().getType()).getTimezone();
                ZoneId zoneId = zone == null || zone.isEmpty() ? ZoneOffset.UTC : ZoneId.of(zone);
                yield new ArrowValues(
                        Kind.STRING, row -> values.isNull(row) ? null : timestamp(instant(values.get(row)), zoneId));
            }
            case TIMESTAMPMICRO -> {
                TimeStampMicroVector values = (TimeStampMicroVector) vector;
                yield new ArrowValues(
                        Kind.STRING,
                        row -> values.isNull(row) ? null : timestamp(instant(values.get(row)), ZoneOffset.UTC));
            }
            default -> new ArrowValues(Kind.STRING, text);
        };
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** As {@code java.sql.Timestamp} reads it: seconds, then a fraction without trailing zeros. */
    static String timestamp(Instant instant, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        String text = SECONDS.format(local);
        int nanos = local.getNano();
        if (nanos == 0) {
            return text;
        }
        String fraction = String.format(java.util.Locale.ROOT, "%09d", nanos).replaceFirst("0+$", "");
        return text + "." + fraction;
    }
}
