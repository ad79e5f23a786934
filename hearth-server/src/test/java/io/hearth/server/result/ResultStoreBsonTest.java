package io.hearth.server.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.ResultFormat;
import io.hearth.testing.ArrowMessages;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** format=BSON: the chunk read back by the BSON library, document by document, value and type. */
class ResultStoreBsonTest {
    @TempDir
    Path directory;

    private BufferAllocator allocator;
    private ResultStore store;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        store = new ResultStore(new ResultConfig(directory, 1000, 1024 * 1024, 1024 * 1024, Duration.ofHours(1), true));
        try (VectorSchemaRoot root = TestTables.allTypes(allocator);
                ResultWriter writer = store.openWriter("all-types")) {
            writer.schema(ArrowMessages.schemaMessage(root.getSchema()), TestTables.ALL_TYPES_COLUMNS);
            writer.batch(ArrowMessages.batchMessage(root), root.getRowCount());
            writer.batch(ArrowMessages.batchMessage(root), root.getRowCount());
            writer.complete(false);
        }
    }

    @AfterEach
    void tearDown() {
        store.close();
        allocator.close();
    }

    @Test
    void writesOneDocumentPerRowWithBsonTypes() {
        List<RawBsonDocument> documents = documents(fetch());

        assertThat(documents).hasSize(8);
        BsonDocument first = documents.get(0);
        assertThat(first.keySet())
                .containsExactly(
                        "tiny", "small", "i", "big", "f", "d", "dec", "s", "b", "bin", "day", "ts", "ts_ntz", "ym",
                        "dt", "arr", "m", "st", "n");
        assertThat(first.get("tiny").getBsonType()).isEqualTo(BsonType.INT32);
        assertThat(first.getInt32("tiny").getValue()).isEqualTo(1);
        assertThat(first.getInt32("small").getValue()).isEqualTo(2);
        assertThat(first.getInt32("i").getValue()).isEqualTo(3);
        assertThat(first.get("big").getBsonType()).isEqualTo(BsonType.INT64);
        assertThat(first.getInt64("big").getValue()).isEqualTo(4L);
        assertThat(first.getDouble("f").getValue()).isEqualTo(1.5);
        assertThat(first.getDouble("d").getValue()).isEqualTo(3.5);
        assertThat(first.get("dec").getBsonType()).isEqualTo(BsonType.DECIMAL128);
        assertThat(first.getDecimal128("dec").getValue()).isEqualTo(new Decimal128(new BigDecimal("12.30")));
        assertThat(first.getString("s").getValue()).isEqualTo("héllo, \"wörld\"");
        assertThat(first.getBoolean("b").getValue()).isTrue();
        assertThat(first.get("bin").getBsonType()).isEqualTo(BsonType.BINARY);
        assertThat(first.getBinary("bin").getData()).isEqualTo(new byte[] {0, 1, 2, (byte) 255});
        assertThat(first.getBinary("bin").getType()).isEqualTo((byte) 0);
        assertThat(first.get("day").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(Instant.ofEpochMilli(first.getDateTime("day").getValue()))
                .isEqualTo(LocalDate.of(2024, 2, 29).atStartOfDay().toInstant(ZoneOffset.UTC));
        // datetime holds milliseconds: the microseconds are cut
        assertThat(first.getDateTime("ts").getValue()).isEqualTo(TestTables.LEAP_DAY_MICROS / 1000);
        assertThat(first.getDateTime("ts_ntz").getValue()).isEqualTo(TestTables.LEAP_DAY_MICROS / 1000);
        assertThat(first.getString("ym").getValue()).isEqualTo("P1Y2M");
        assertThat(first.getString("dt").getValue()).isEqualTo("PT26H3M4.000005S");
        assertThat(first.getArray("arr"))
                .isEqualTo(new BsonArray(List.of(new BsonInt32(1), new BsonInt32(2), new BsonInt32(3))));
        assertThat(first.getDocument("m"))
                .isEqualTo(new BsonDocument("a", new BsonInt32(1)).append("b", BsonNull.VALUE));
        assertThat(first.getDocument("st"))
                .isEqualTo(new BsonDocument("a", new BsonInt32(1)).append("b", new BsonString("x")));
        assertThat(first.get("n").isNull()).isTrue();

        BsonDocument second = documents.get(1);
        assertThat(second.getInt64("big").getValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(second.getDouble("d").getValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(second.getDecimal128("dec").getValue().bigDecimalValue()).isEqualByComparingTo("-0.05");
        assertThat(second.getString("s").getValue()).isEmpty();
        assertThat(second.getDateTime("ts").getValue()).isEqualTo(-1L);
        assertThat(second.getArray("arr")).isEmpty();
        assertThat(second.getDocument("m")).isEmpty();

        BsonDocument third = documents.get(2);
        assertThat(third.getDouble("d").getValue()).isNaN();
        assertThat(third.getArray("arr").get(0).isNull()).isTrue();
        assertThat(third.getDocument("m").getInt32("k é").getValue()).isEqualTo(-1);

        BsonDocument nulls = documents.get(3);
        assertThat(nulls.values())
                .allSatisfy(value -> assertThat(value.isNull()).isTrue());
        assertThat(nulls.size()).isEqualTo(19);
        // the second batch repeats the first
        assertThat(documents.subList(4, 8)).isEqualTo(documents.subList(0, 4));
    }

    @Test
    void isReadableAsAStreamOfDocumentsByTheBinaryReader() {
        ByteBuffer bytes = ByteBuffer.wrap(fetch());
        int read = 0;
        while (bytes.hasRemaining()) {
            try (BsonBinaryReader reader = new BsonBinaryReader(bytes)) {
                reader.readStartDocument();
                assertThat(reader.readName()).isEqualTo("tiny");
                reader.skipValue();
                while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                    reader.skipName();
                    reader.skipValue();
                }
                reader.readEndDocument();
            }
            read++;
        }
        assertThat(read).isEqualTo(8);
        assertThat(ResultFormat.BSON.mediaType()).isEqualTo("application/bson");
    }

    private byte[] fetch() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeChunk("all-types", 0, ResultFormat.BSON, out);
        return out.toByteArray();
    }

    /** Splits concatenated documents by their little-endian int32 length prefix, as bsondump does. */
    private static List<RawBsonDocument> documents(byte[] bytes) {
        List<RawBsonDocument> documents = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 0;
        while (offset < bytes.length) {
            int length = buffer.getInt(offset);
            documents.add(new RawBsonDocument(bytes, offset, length));
            offset += length;
        }
        return documents;
    }
}
