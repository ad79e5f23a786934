package io.hearth.engine;

import io.hearth.protocol.v1.StatementEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/** Reassembles SCHEMA + BATCH events into an Arrow IPC stream, the way the gateway does, and reads it. */
final class ArrowStreams {
    private static final byte[] END_OF_STREAM = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};

    private ArrowStreams() {}

    static byte[] streamOf(List<StatementEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StatementEvent event : events) {
            if (event.hasSchema()) {
                out.writeBytes(event.getSchema().getArrowSchema().toByteArray());
            } else if (event.hasBatch()) {
                out.writeBytes(event.getBatch().getArrowRecordBatch().toByteArray());
            }
        }
        out.writeBytes(END_OF_STREAM);
        return out.toByteArray();
    }

    /** Applies {@code perBatch} to every batch read back and collects what it returns. */
    static <T> List<T> readBatches(
            BufferAllocator allocator, List<StatementEvent> events, Function<VectorSchemaRoot, T> perBatch)
            throws IOException {
        List<T> results = new ArrayList<>();
        try (ArrowStreamReader reader = new ArrowStreamReader(
                new ByteArrayInputStream(streamOf(events)), allocator, CommonsCompressionFactory.INSTANCE)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                results.add(perBatch.apply(root));
            }
        }
        return results;
    }
}
