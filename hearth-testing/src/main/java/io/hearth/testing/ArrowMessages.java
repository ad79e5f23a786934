package io.hearth.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Builds Arrow IPC messages exactly as an engine sends them to the gateway: one encapsulated
 * schema message, then one encapsulated record batch message per batch. Concatenated and followed
 * by the end-of-stream marker, they form a valid Arrow IPC stream.
 */
public final class ArrowMessages {
    /** The Arrow IPC end-of-stream marker: continuation token, then a zero length. */
    private static final byte[] END_OF_STREAM = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};

    private ArrowMessages() {}

    /** The schema as an encapsulated IPC message. */
    public static byte[] schemaMessage(Schema schema) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(bytes)), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The root's current rows (its row count) as one encapsulated record batch message. */
    public static byte[] batchMessage(VectorSchemaRoot root) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(bytes)), batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The IPC end-of-stream marker (0xFFFFFFFF then 0x00000000). */
    public static byte[] endOfStream() {
        return END_OF_STREAM.clone();
    }
}
