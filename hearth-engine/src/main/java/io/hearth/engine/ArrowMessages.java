package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/** Encapsulated Arrow IPC messages: the schema message, batch row counts and slicing a batch. */
final class ArrowMessages {
    private final BufferAllocator allocator;

    ArrowMessages(BufferAllocator allocator) {
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /** The schema as one encapsulated IPC message. */
    byte[] serializeSchema(Schema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads only the message metadata, not the buffers. */
    long rowCount(byte[] batchMessage) {
        try {
            MessageMetadataResult metadata = MessageSerializer.readMessage(readChannel(batchMessage));
            if (metadata == null || metadata.getMessage().headerType() != MessageHeader.RecordBatch) {
                throw new IllegalArgumentException("not an Arrow record batch message");
            }
            RecordBatch batch = (RecordBatch) metadata.getMessage().header(new RecordBatch());
            return batch.length();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code rows} rows of a batch, as a new encapsulated batch message. */
    byte[] firstRows(byte[] batchMessage, Schema schema, int rows) {
        return slices(batchMessage, schema, rows, rows).get(0);
    }

    /**
     * The first {@code rows} rows of a batch cut into messages of at most {@code rowsPerSlice} rows,
     * in order; the batch is read once.
     */
    List<byte[]> slices(byte[] batchMessage, Schema schema, int rows, int rowsPerSlice) {
        if (rowsPerSlice <= 0) {
            throw new IllegalArgumentException("rowsPerSlice must be positive: " + rowsPerSlice);
        }
        List<byte[]> slices = new ArrayList<>();
        try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(readChannel(batchMessage), allocator);
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            // Spark compresses batches when spark.sql.execution.arrow.compression.codec is set.
            new VectorLoader(root, CommonsCompressionFactory.INSTANCE).load(batch);
            int end = Math.min(rows, root.getRowCount());
            for (int start = 0; start < end; start += rowsPerSlice) {
                try (VectorSchemaRoot slice = root.slice(start, Math.min(rowsPerSlice, end - start));
                        ArrowRecordBatch sliced = new VectorUnloader(slice).getRecordBatch()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), sliced);
                    slices.add(out.toByteArray());
                }
            }
            return slices;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReadChannel readChannel(byte[] message) {
        return new ReadChannel(Channels.newChannel(new ByteArrayInputStream(message)));
    }
}
