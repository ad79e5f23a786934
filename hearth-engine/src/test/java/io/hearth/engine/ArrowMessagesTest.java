package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.hearth.protocol.v1.ResultBatch;
import io.hearth.protocol.v1.ResultSchema;
import io.hearth.protocol.v1.StatementEvent;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArrowMessagesTest {
    private final BufferAllocator allocator = new RootAllocator();
    private final ArrowMessages messages = new ArrowMessages(allocator);
    private final Schema schema = new Schema(
            List.of(Field.nullable("n", new ArrowType.Int(32, true)), Field.nullable("s", ArrowType.Utf8.INSTANCE)));

    @AfterEach
    void closeAllocator() {
        allocator.close(); // fails the test if a buffer leaked
    }

    @Test
    void readsTheRowCountFromTheMessageHeader() throws Exception {
        assertThat(messages.rowCount(batchOf(100))).isEqualTo(100);
    }

    @Test
    void slicesABatchIntoOrderedPiecesWithTheSameValues() throws Exception {
        List<byte[]> slices = messages.slices(batchOf(100), schema, 100, 30);

        assertThat(slices).extracting(messages::rowCount).containsExactly(30L, 30L, 30L, 10L);
        List<String> values = new ArrayList<>();
        for (byte[] slice : slices) {
            values.addAll(read(slice));
        }
        assertThat(values).hasSize(100).startsWith("0:v0", "1:null").endsWith("98:v98", "99:null");
    }

    @Test
    void keepsTheFirstRows() throws Exception {
        byte[] firstRows = messages.firstRows(batchOf(100), schema, 3);

        assertThat(messages.rowCount(firstRows)).isEqualTo(3);
        assertThat(read(firstRows)).containsExactly("0:v0", "1:null", "2:v2");
    }

    private byte[] batchOf(int rows) throws Exception {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            IntVector numbers = (IntVector) root.getVector("n");
            VarCharVector strings = (VarCharVector) root.getVector("s");
            for (int row = 0; row < rows; row++) {
                numbers.setSafe(row, row);
                if (row % 2 == 0) {
                    strings.setSafe(row, new Text("v" + row));
                } else {
                    strings.setNull(row);
                }
            }
            root.setRowCount(rows);
            try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), batch);
                return out.toByteArray();
            }
        }
    }

    private List<String> read(byte[] batchMessage) throws Exception {
        byte[] schemaMessage = messages.serializeSchema(schema);
        return ArrowStreams.readBatches(
                        allocator,
                        List.of(
                                StatementEvent.newBuilder()
                                        .setSchema(ResultSchema.newBuilder()
                                                .setArrowSchema(ByteString.copyFrom(schemaMessage)))
                                        .build(),
                                StatementEvent.newBuilder()
                                        .setBatch(ResultBatch.newBuilder()
                                                .setArrowRecordBatch(ByteString.copyFrom(batchMessage)))
                                        .build()),
                        root -> {
                            List<String> rows = new ArrayList<>();
                            for (int row = 0; row < root.getRowCount(); row++) {
                                Object text = root.getVector("s").getObject(row);
                                rows.add(root.getVector("n").getObject(row) + ":" + text);
                            }
                            return rows;
                        })
                .stream()
                .flatMap(List::stream)
                .toList();
    }
}
