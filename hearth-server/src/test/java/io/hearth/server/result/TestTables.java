package io.hearth.server.result;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hearth.api.statement.ColumnInfo;
import io.hearth.testing.ArrowMessages;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Arrow data as a Spark engine would send it, built in memory. */
final class TestTables {
    /** 2024-02-29T12:34:56.123456Z in microseconds since the epoch. */
    static final long LEAP_DAY_MICROS = 1_709_210_096_123_456L;

    private TestTables() {}

    /** The columns of {@link #allTypes}, as the engine describes them. */
    static final List<ColumnInfo> ALL_TYPES_COLUMNS = List.of(
            column("tiny", "TINYINT"),
            column("small", "SMALLINT"),
            column("i", "INT"),
            column("big", "BIGINT"),
            column("f", "FLOAT"),
            column("d", "DOUBLE"),
            column("dec", "DECIMAL(10,2)"),
            column("s", "STRING"),
            column("b", "BOOLEAN"),
            column("bin", "BINARY"),
            column("day", "DATE"),
            column("ts", "TIMESTAMP"),
            column("ts_ntz", "TIMESTAMP_NTZ"),
            column("ym", "INTERVAL YEAR TO MONTH"),
            column("dt", "INTERVAL DAY TO SECOND"),
            column("arr", "ARRAY<INT>"),
            column("m", "MAP<STRING,INT>"),
            column("st", "STRUCT<a: INT, b: STRING>"),
            column("n", "VOID"));

    private static ColumnInfo column(String name, String type) {
        return new ColumnInfo(name, type, 0, true);
    }

    static Schema allTypesSchema() {
        return new Schema(List.of(
                nullable("tiny", new ArrowType.Int(8, true)),
                nullable("small", new ArrowType.Int(16, true)),
                nullable("i", new ArrowType.Int(32, true)),
                nullable("big", new ArrowType.Int(64, true)),
                nullable("f", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                nullable("d", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                nullable("dec", new ArrowType.Decimal(10, 2, 128)),
                nullable("s", ArrowType.Utf8.INSTANCE),
                nullable("b", ArrowType.Bool.INSTANCE),
                nullable("bin", ArrowType.Binary.INSTANCE),
                nullable("day", new ArrowType.Date(DateUnit.DAY)),
                // Spark writes the session time zone here; values are UTC instants all the same.
                nullable("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "America/Los_Angeles")),
                nullable("ts_ntz", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                nullable("ym", new ArrowType.Interval(IntervalUnit.YEAR_MONTH)),
                nullable("dt", new ArrowType.Duration(TimeUnit.MICROSECOND)),
                new Field(
                        "arr",
                        FieldType.nullable(ArrowType.List.INSTANCE),
                        List.of(nullable("element", new ArrowType.Int(32, true)))),
                new Field(
                        "m",
                        FieldType.nullable(new ArrowType.Map(false)),
                        List.of(new Field(
                                "entries",
                                FieldType.notNullable(ArrowType.Struct.INSTANCE),
                                List.of(
                                        new Field("key", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                                        nullable("value", new ArrowType.Int(32, true)))))),
                new Field(
                        "st",
                        FieldType.nullable(ArrowType.Struct.INSTANCE),
                        List.of(nullable("a", new ArrowType.Int(32, true)), nullable("b", ArrowType.Utf8.INSTANCE))),
                nullable("n", ArrowType.Null.INSTANCE)));
    }

    private static Field nullable(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    /**
     * Four rows: ordinary values, negative and empty values, extreme and special values, nulls.
     * The caller closes the root.
     */
    static VectorSchemaRoot allTypes(BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(allTypesSchema(), allocator);
        root.allocateNew();

        TinyIntVector tiny = (TinyIntVector) root.getVector("tiny");
        tiny.setSafe(0, 1);
        tiny.setSafe(1, -128);
        tiny.setSafe(2, 127);
        SmallIntVector small = (SmallIntVector) root.getVector("small");
        small.setSafe(0, 2);
        small.setSafe(1, -32768);
        small.setSafe(2, 32767);
        IntVector ints = (IntVector) root.getVector("i");
        ints.setSafe(0, 3);
        ints.setSafe(1, Integer.MIN_VALUE);
        ints.setSafe(2, Integer.MAX_VALUE);
        BigIntVector big = (BigIntVector) root.getVector("big");
        big.setSafe(0, 4);
        big.setSafe(1, Long.MIN_VALUE);
        big.setSafe(2, Long.MAX_VALUE);
        Float4Vector floats = (Float4Vector) root.getVector("f");
        floats.setSafe(0, 1.5f);
        floats.setSafe(1, -0.25f);
        floats.setSafe(2, Float.POSITIVE_INFINITY);
        Float8Vector doubles = (Float8Vector) root.getVector("d");
        doubles.setSafe(0, 3.5);
        doubles.setSafe(1, Double.NEGATIVE_INFINITY);
        doubles.setSafe(2, Double.NaN);
        DecimalVector decimals = (DecimalVector) root.getVector("dec");
        decimals.setSafe(0, new BigDecimal("12.30"));
        decimals.setSafe(1, new BigDecimal("-0.05"));
        decimals.setSafe(2, new BigDecimal("12345678.90"));
        VarCharVector strings = (VarCharVector) root.getVector("s");
        strings.setSafe(0, "héllo, \"wörld\"".getBytes(UTF_8));
        strings.setSafe(1, new byte[0]);
        strings.setSafe(2, "日本語 ✓\nzweite Zeile".getBytes(UTF_8));
        BitVector booleans = (BitVector) root.getVector("b");
        booleans.setSafe(0, 1);
        booleans.setSafe(1, 0);
        booleans.setSafe(2, 1);
        VarBinaryVector binaries = (VarBinaryVector) root.getVector("bin");
        binaries.setSafe(0, new byte[] {0, 1, 2, (byte) 255});
        binaries.setSafe(1, new byte[0]);
        binaries.setSafe(2, "hi".getBytes(UTF_8));
        DateDayVector days = (DateDayVector) root.getVector("day");
        days.setSafe(0, (int) LocalDate.of(2024, 2, 29).toEpochDay());
        days.setSafe(1, -1);
        days.setSafe(2, 0);
        TimeStampMicroTZVector timestamps = (TimeStampMicroTZVector) root.getVector("ts");
        timestamps.setSafe(0, LEAP_DAY_MICROS);
        timestamps.setSafe(1, -1);
        timestamps.setSafe(2, 0);
        TimeStampMicroVector localTimestamps = (TimeStampMicroVector) root.getVector("ts_ntz");
        localTimestamps.setSafe(0, LEAP_DAY_MICROS);
        localTimestamps.setSafe(1, -1);
        localTimestamps.setSafe(2, 0);
        IntervalYearVector yearMonths = (IntervalYearVector) root.getVector("ym");
        yearMonths.setSafe(0, 14);
        yearMonths.setSafe(1, -3);
        yearMonths.setSafe(2, 0);
        DurationVector durations = (DurationVector) root.getVector("dt");
        durations.setSafe(0, 93_784_000_005L);
        durations.setSafe(1, -1_500_000L);
        durations.setSafe(2, 0);

        UnionListWriter list = ((ListVector) root.getVector("arr")).getWriter();
        list.setPosition(0);
        list.startList();
        list.writeInt(1);
        list.writeInt(2);
        list.writeInt(3);
        list.endList();
        list.setPosition(1);
        list.startList();
        list.endList();
        list.setPosition(2);
        list.startList();
        list.writeNull();
        list.writeInt(4);
        list.endList();

        MapVector maps = (MapVector) root.getVector("m");
        UnionMapWriter map = maps.getWriter();
        map.setPosition(0);
        map.startMap();
        map.startEntry();
        map.key().varChar().writeVarChar("a");
        map.value().integer().writeInt(1);
        map.endEntry();
        map.startEntry();
        map.key().varChar().writeVarChar("b");
        map.value().integer().writeNull();
        map.endEntry();
        map.endMap();
        map.setPosition(1);
        map.startMap();
        map.endMap();
        map.setPosition(2);
        map.startMap();
        map.startEntry();
        map.key().varChar().writeVarChar("k é");
        map.value().integer().writeInt(-1);
        map.endEntry();
        map.endMap();

        StructVector struct = (StructVector) root.getVector("st");
        IntVector structA = (IntVector) struct.getChild("a");
        VarCharVector structB = (VarCharVector) struct.getChild("b");
        struct.setIndexDefined(0);
        structA.setSafe(0, 1);
        structB.setSafe(0, "x".getBytes(UTF_8));
        struct.setIndexDefined(1);
        struct.setIndexDefined(2);
        structA.setSafe(2, -2);
        structB.setSafe(2, new byte[0]);
        structA.setValueCount(4);
        structB.setValueCount(4);

        ((NullVector) root.getVector("n")).setValueCount(4);
        root.setRowCount(4);
        return root;
    }

    /** One column {@code id BIGINT}. */
    static Schema idSchema() {
        return new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null)));
    }

    static final List<ColumnInfo> ID_COLUMNS = List.of(new ColumnInfo("id", "BIGINT", 0, true));

    /** A batch message holding ids {@code first} to {@code first + rows - 1}. */
    static byte[] idBatch(BufferAllocator allocator, long first, int rows) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(idSchema(), allocator)) {
            BigIntVector ids = (BigIntVector) root.getVector("id");
            ids.allocateNew(rows);
            for (int i = 0; i < rows; i++) {
                ids.set(i, first + i);
            }
            root.setRowCount(rows);
            return ArrowMessages.batchMessage(root);
        }
    }
}
