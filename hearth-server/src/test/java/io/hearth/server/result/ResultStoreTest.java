package io.hearth.server.result;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.ResultFormat;
import io.hearth.api.statement.ChunkInfo;
import io.hearth.api.statement.ColumnInfo;
import io.hearth.api.statement.ResultManifest;
import io.hearth.testing.ArrowMessages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
    @TempDir
    Path directory;

    private final ObjectMapper json = new ObjectMapper();
    private final BufferAllocator allocator = new RootAllocator();
    private final byte[] schema = ArrowMessages.schemaMessage(TestTables.idSchema());
    private ResultStore store;

    @BeforeEach
    void setUp() {
        store = storeWith(10_000, 1024 * 1024, 1024L * 1024 * 1024);
    }

    @AfterEach
    void tearDown() {
        store.close();
        allocator.close();
    }

    private ResultStore storeWith(long chunkMaxRows, long chunkMaxBytes, long maxBytes) {
        return new ResultStore(
                new ResultConfig(directory, chunkMaxRows, chunkMaxBytes, maxBytes, Duration.ofHours(1), true));
    }

    /** Writes {@code batches} batches of {@code rows} ids each, counting up from 0. */
    private ResultManifest writeIds(ResultStore target, String resultId, int batches, int rows) {
        try (ResultWriter writer = target.openWriter(resultId)) {
            writer.schema(schema, TestTables.ID_COLUMNS);
            for (int i = 0; i < batches; i++) {
                writer.batch(TestTables.idBatch(allocator, (long) i * rows, rows), rows);
            }
            return writer.complete(false);
        }
    }

    @Test
    void cutsChunksByRowCount() {
        ResultManifest manifest = writeIds(store, "r1", 25, 1000);

        assertThat(manifest.totalRowCount()).isEqualTo(25_000);
        assertThat(manifest.totalChunkCount()).isEqualTo(3);
        assertThat(manifest.truncated()).isFalse();
        assertThat(manifest.chunks())
                .extracting(ChunkInfo::chunkIndex, ChunkInfo::rowOffset, ChunkInfo::rowCount)
                .containsExactly(tuple(0, 0L, 10_000L), tuple(1, 10_000L, 10_000L), tuple(2, 20_000L, 5_000L));
        long bytes = 0;
        for (ChunkInfo chunk : manifest.chunks()) {
            Path file = directory.resolve("r1").resolve("chunk-" + chunk.chunkIndex() + ".arrows");
            assertThat(file).hasSize(chunk.byteCount());
            bytes += chunk.byteCount();
        }
        assertThat(manifest.totalByteCount()).isEqualTo(bytes);
        assertThat(jsonIds("r1", 2)).hasSize(5_000).startsWith(20_000L).endsWith(24_999L);
    }

    @Test
    void cutsChunksByByteCountWithoutSplittingBatches() {
        byte[] batch = TestTables.idBatch(allocator, 0, 100);
        // A chunk holding the schema and two batches reaches the limit; a third batch opens a new one.
        long limit = schema.length + 2L * batch.length;
        try (ResultStore small = storeWith(1_000_000, limit, Long.MAX_VALUE)) {
            ResultManifest manifest = writeIds(small, "bytes", 5, 100);

            assertThat(manifest.chunks()).extracting(ChunkInfo::rowCount).containsExactly(200L, 200L, 100L);
            assertThat(manifest.chunks()).extracting(ChunkInfo::rowOffset).containsExactly(0L, 200L, 400L);
            assertThat(manifest.chunks().get(0).byteCount()).isEqualTo(limit + 8);
            List<Long> ids = new ArrayList<>();
            for (int chunk = 0; chunk < 3; chunk++) {
                ids.addAll(jsonIds(small, "bytes", chunk));
            }
            assertThat(ids).hasSize(500).doesNotHaveDuplicates().startsWith(0L).endsWith(499L);
        }
    }

    @Test
    void dropsBatchesPastTheResultByteLimitAndMarksTheResultTruncated() {
        byte[] batch = TestTables.idBatch(allocator, 0, 100);
        long maxBytes = schema.length + 3L * batch.length + 8 + 10;
        try (ResultStore limited = storeWith(1_000_000, 1024 * 1024, maxBytes);
                ResultWriter writer = limited.openWriter("big")) {
            writer.schema(schema, TestTables.ID_COLUMNS);
            List<Boolean> accepted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                accepted.add(writer.batch(TestTables.idBatch(allocator, i * 100L, 100), 100));
            }
            // A small batch would still fit, but once truncated the result takes nothing more.
            accepted.add(writer.batch(TestTables.idBatch(allocator, 500, 1), 1));
            ResultManifest manifest = writer.complete(false);

            assertThat(accepted).containsExactly(true, true, true, false, false, false);
            assertThat(manifest.truncated()).isTrue();
            assertThat(manifest.totalRowCount()).isEqualTo(300);
            assertThat(manifest.totalByteCount()).isLessThanOrEqualTo(maxBytes);
            assertThat(limited.readManifest("big").orElseThrow().truncated()).isTrue();
        }
    }

    @Test
    void keepsTruncationReportedUpstream() {
        try (ResultWriter writer = store.openWriter("limited")) {
            writer.schema(schema, TestTables.ID_COLUMNS);
            writer.batch(TestTables.idBatch(allocator, 0, 10), 10);
            assertThat(writer.complete(true).truncated()).isTrue();
        }
    }

    @Test
    void writesTheManifestBesideTheChunksInSnakeCase() throws IOException {
        ResultManifest manifest = writeIds(store, "r1", 25, 1000);

        JsonNode file =
                json.readTree(directory.resolve("r1").resolve("manifest.json").toFile());

        assertThat(file.get("format").asText()).isEqualTo("JSON_ARRAY");
        assertThat(file.get("total_row_count").asLong()).isEqualTo(25_000);
        assertThat(file.get("total_chunk_count").asInt()).isEqualTo(3);
        assertThat(file.get("total_byte_count").asLong()).isEqualTo(manifest.totalByteCount());
        assertThat(file.get("truncated").asBoolean()).isFalse();
        assertThat(file.at("/schema/columns/0").toString())
                .isEqualTo("{\"name\":\"id\",\"type\":\"BIGINT\",\"position\":0,\"nullable\":true}");
        assertThat(file.at("/chunks/1").toString())
                .isEqualTo("{\"chunk_index\":1,\"row_offset\":10000,\"row_count\":10000,\"byte_count\":"
                        + manifest.chunks().get(1).byteCount() + "}");
        try (Stream<Path> files = Files.list(directory.resolve("r1"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("chunk-0.arrows", "chunk-1.arrows", "chunk-2.arrows", "manifest.json");
        }
    }

    @Test
    void readsTheManifestBackAfterARestart() {
        ResultManifest written = writeIds(store, "r1", 3, 10);
        store.close();
        store = storeWith(10_000, 1024 * 1024, 1024L * 1024 * 1024);

        assertThat(store.readManifest("r1")).contains(written);
        assertThat(jsonIds("r1", 0)).hasSize(30);
    }

    @Test
    void servesEveryChunkAgainInAnyOrderAndFormatWithIdenticalContent() {
        ResultManifest manifest = writeIds(store, "r1", 25, 1000);

        for (ResultFormat format : ResultFormat.values()) {
            byte[][] first = new byte[3][];
            for (int chunk : new int[] {2, 0, 1, 2, 0, 1, 1}) {
                byte[] content = fetch("r1", chunk, format);
                if (first[chunk] == null) {
                    first[chunk] = content;
                } else {
                    assertThat(content).as("%s chunk %d", format, chunk).isEqualTo(first[chunk]);
                }
            }
        }
        for (ChunkInfo chunk : manifest.chunks()) {
            List<Long> ids = jsonIds("r1", chunk.chunkIndex());
            assertThat(ids).hasSize((int) chunk.rowCount());
            assertThat(ids.get(0)).isEqualTo(chunk.rowOffset());
            String csv = new String(fetch("r1", chunk.chunkIndex(), ResultFormat.CSV), UTF_8);
            assertThat(csv).startsWith("id\r\n" + chunk.rowOffset() + "\r\n");
            assertThat(csv.split("\r\n")).hasSize((int) chunk.rowCount() + 1);
        }
    }

    @Test
    void anOpenChunkStaysReadableWhenItsResultIsDeleted() {
        writeIds(store, "r1", 3, 1000);
        try (ResultStore.Chunk chunk = store.openChunk("r1", 0)) {
            store.delete("r1");
            assertThat(directory.resolve("r1")).doesNotExist();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            chunk.writeTo(ResultFormat.CSV, out);
            assertThat(new String(out.toByteArray(), UTF_8).split("\r\n")).hasSize(3001);
        }
        assertThatThrownBy(() -> store.openChunk("r1", 0))
                .isInstanceOf(HearthException.class)
                .extracting(e -> ((HearthException) e).errorCode())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void servesArrowChunksAsReadableStreams() throws IOException {
        writeIds(store, "r1", 25, 1000);

        byte[] stream = fetch("r1", 1, ResultFormat.ARROW_STREAM);

        assertThat(stream).isEqualTo(Files.readAllBytes(directory.resolve("r1").resolve("chunk-1.arrows")));
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            long expected = 10_000;
            int batches = 0;
            while (reader.loadNextBatch()) {
                BigIntVector ids = (BigIntVector) root.getVector("id");
                for (int i = 0; i < root.getRowCount(); i++) {
                    assertThat(ids.get(i)).isEqualTo(expected++);
                }
                batches++;
            }
            assertThat(batches).isEqualTo(10);
            assertThat(expected).isEqualTo(20_000);
        }
    }

    @Test
    void reportsAMissingResultAsNotFound() {
        assertThatThrownBy(() -> fetch("nope", 0, ResultFormat.JSON_ARRAY))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessage("result nope does not exist");
        assertThat(store.readManifest("nope")).isEmpty();
        assertThat(store.readManifest("../etc")).isEmpty();
    }

    @Test
    void reportsAMissingChunkAsNotFound() {
        writeIds(store, "r1", 25, 1000);

        for (int chunk : new int[] {3, 7, -1}) {
            for (ResultFormat format : ResultFormat.values()) {
                assertThatThrownBy(() -> fetch("r1", chunk, format))
                        .isInstanceOfSatisfying(
                                HearthException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
                        .hasMessage("result r1 has 3 chunks; chunk " + chunk + " does not exist");
            }
        }
    }

    @Test
    void hidesAResultUntilItIsComplete() {
        try (ResultWriter writer = store.openWriter("r1")) {
            writer.schema(schema, TestTables.ID_COLUMNS);
            writer.batch(TestTables.idBatch(allocator, 0, 10), 10);

            assertThat(directory.resolve("r1").resolve("chunk-0.arrows")).doesNotExist();
            assertThat(directory.resolve("r1").resolve("chunk-0.arrows.tmp")).exists();
            assertThat(store.readManifest("r1")).isEmpty();
            assertThatThrownBy(() -> fetch("r1", 0, ResultFormat.ARROW_STREAM))
                    .isInstanceOfSatisfying(
                            HearthException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));

            writer.complete(false);
        }
        assertThat(directory.resolve("r1").resolve("chunk-0.arrows")).exists();
        assertThat(directory.resolve("r1").resolve("chunk-0.arrows.tmp")).doesNotExist();
    }

    @Test
    void abortDeletesWhatWasWritten() {
        try (ResultWriter writer = store.openWriter("r1")) {
            writer.schema(schema, TestTables.ID_COLUMNS);
            for (int i = 0; i < 5; i++) {
                writer.batch(TestTables.idBatch(allocator, i * 5000L, 5000), 5000);
            }
            assertThat(directory.resolve("r1").resolve("chunk-1.arrows")).exists();

            writer.abort();
        }

        assertThat(directory.resolve("r1")).doesNotExist();
        assertThat(store.readManifest("r1")).isEmpty();
    }

    @Test
    void closingAWriterWithoutCompletingAborts() {
        try (ResultWriter writer = store.openWriter("r1")) {
            writer.schema(schema, TestTables.ID_COLUMNS);
            writer.batch(TestTables.idBatch(allocator, 0, 10), 10);
        }

        assertThat(directory.resolve("r1")).doesNotExist();
    }

    @Test
    void deleteRemovesAResultAndCanBeRepeated() {
        writeIds(store, "r1", 25, 1000);
        writeIds(store, "r2", 1, 10);

        store.delete("r1");
        store.delete("r1");
        store.delete("never-written");

        assertThat(directory.resolve("r1")).doesNotExist();
        assertThat(store.readManifest("r1")).isEmpty();
        assertThat(store.readManifest("r2")).isPresent();
        assertThatThrownBy(() -> fetch("r1", 0, ResultFormat.CSV))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void refusesToOverwriteACompleteResultButReplacesLeftovers() throws IOException {
        writeIds(store, "r1", 1, 10);
        assertThatThrownBy(() -> store.openWriter("r1"))
                .isInstanceOfSatisfying(
                        HearthException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFLICT));

        // What a crash leaves behind: a half-written chunk and no manifest.
        Files.createDirectories(directory.resolve("crashed"));
        Files.write(directory.resolve("crashed").resolve("chunk-0.arrows.tmp"), new byte[] {1, 2, 3});
        ResultManifest manifest = writeIds(store, "crashed", 2, 10);

        assertThat(manifest.totalRowCount()).isEqualTo(20);
        assertThat(directory.resolve("crashed").resolve("chunk-0.arrows.tmp")).doesNotExist();
    }

    @Test
    void storesAnEmptyResultAsOneEmptyChunk() throws IOException {
        ResultManifest manifest = writeIds(store, "empty", 0, 0);

        assertThat(manifest.totalRowCount()).isZero();
        assertThat(manifest.totalChunkCount()).isEqualTo(1);
        assertThat(manifest.chunks()).containsExactly(new ChunkInfo(0, 0, 0, schema.length + 8L));
        assertThat(json.readTree(fetch("empty", 0, ResultFormat.JSON_ARRAY))).isEqualTo(json.createArrayNode());
        assertThat(new String(fetch("empty", 0, ResultFormat.CSV), UTF_8)).isEqualTo("id\r\n");
        try (ArrowStreamReader reader = new ArrowStreamReader(
                new ByteArrayInputStream(fetch("empty", 0, ResultFormat.ARROW_STREAM)), allocator)) {
            assertThat(reader.getVectorSchemaRoot().getSchema()).isEqualTo(TestTables.idSchema());
            assertThat(reader.loadNextBatch()).isFalse();
        }
        assertThatThrownBy(() -> fetch("empty", 1, ResultFormat.JSON_ARRAY))
                .hasMessage("result empty has 1 chunks; chunk 1 does not exist");
    }

    @Test
    void refusesBatchesBeforeTheSchemaAndCallsAfterCompletion() {
        try (ResultWriter writer = store.openWriter("r1")) {
            assertThatThrownBy(() -> writer.batch(new byte[8], 1)).isInstanceOf(IllegalStateException.class);
            writer.schema(schema, TestTables.ID_COLUMNS);
            writer.complete(false);
            assertThatThrownBy(() -> writer.batch(new byte[8], 1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> writer.complete(false)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(store.readManifest("r1")).isPresent();
    }

    @Test
    void refusesTypesItCannotRenderBeforeWritingAnything() {
        Schema schema = new Schema(
                List.of(new Field("t", FieldType.nullable(new ArrowType.Time(TimeUnit.MICROSECOND, 64)), null)));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                ResultWriter writer = store.openWriter("times")) {
            ((TimeMicroVector) root.getVector("t")).setSafe(0, 1);
            root.setRowCount(1);
            writer.schema(ArrowMessages.schemaMessage(schema), List.of(new ColumnInfo("t", "TIME", 0, true)));
            writer.batch(ArrowMessages.batchMessage(root), 1);
            writer.complete(false);
        }

        for (ResultFormat format : List.of(ResultFormat.JSON_ARRAY, ResultFormat.CSV)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> store.writeChunk("times", 0, format, out))
                    .isInstanceOfSatisfying(
                            HearthException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_ACCEPTABLE))
                    .hasMessageContaining("column 't'")
                    .hasMessageContaining("ARROW_STREAM");
            assertThat(out.size()).isZero();
        }
        assertThat(fetch("times", 0, ResultFormat.ARROW_STREAM)).isNotEmpty();
    }

    @Test
    void streamsAMillionRowsOfJson() throws IOException {
        int batches = 100;
        int rows = 10_000;
        ResultManifest manifest;
        try (ResultWriter writer = store.openWriter("million")) {
            writer.schema(schema, TestTables.ID_COLUMNS);
            for (int i = 0; i < batches; i++) {
                writer.batch(TestTables.idBatch(allocator, (long) i * rows, rows), rows);
            }
            manifest = writer.complete(false);
        }
        assertThat(manifest.totalRowCount()).isEqualTo(1_000_000);
        assertThat(manifest.totalChunkCount()).isEqualTo(100);

        long rowCount = 0;
        long idSum = 0;
        for (ChunkInfo chunk : manifest.chunks()) {
            CountingRows counter = new CountingRows();
            try (OutputStream out = counter) {
                store.writeChunk("million", chunk.chunkIndex(), ResultFormat.JSON_ARRAY, out);
            }
            rowCount += counter.rows;
            idSum += counter.lastId;
        }
        assertThat(rowCount).isEqualTo(1_000_000);
        // The last id of each chunk: 9999, 19999, ... 999999.
        assertThat(idSum).isEqualTo(100L * 9_999 + 10_000L * (99L * 100 / 2));
    }

    /** Counts rows of a JSON array of single-number rows as bytes go by, holding none of them. */
    private static final class CountingRows extends OutputStream {
        long rows;
        long lastId;
        private long current;
        private int depth;

        @Override
        public void write(int b) {
            if (b == '[') {
                depth++;
                current = 0;
            } else if (b == ']') {
                if (depth == 2) {
                    rows++;
                    lastId = current;
                }
                depth--;
            } else if (depth == 2 && b >= '0' && b <= '9') {
                current = current * 10 + (b - '0');
            }
        }
    }

    private byte[] fetch(String resultId, int chunk, ResultFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeChunk(resultId, chunk, format, out);
        return out.toByteArray();
    }

    private List<Long> jsonIds(String resultId, int chunk) {
        return jsonIds(store, resultId, chunk);
    }

    private List<Long> jsonIds(ResultStore source, String resultId, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.writeChunk(resultId, chunk, ResultFormat.JSON_ARRAY, out);
        try {
            List<Long> ids = new ArrayList<>();
            for (JsonNode row : json.readTree(out.toByteArray())) {
                ids.add(row.get(0).asLong());
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
