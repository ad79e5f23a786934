package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ResultFormat;
import io.hearth.client.ResultChunks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One Arrow IPC stream from a result's chunks, without Arrow on the classpath. Each chunk is a
 * stream of its own (schema message, record batches, end-of-stream marker); this copies the first
 * chunk without its end marker, every later chunk without its schema message and end marker, and
 * ends with one marker. Spark's results use no dictionaries, so nothing else repeats.
 */
final class ArrowConcatenation {
    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final byte[] END_OF_STREAM = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};

    private final ResultChunks result;

    ArrowConcatenation(ResultChunks result) {
        this.result = requireNonNull(result, "result is null");
    }

    void write(OutputStream out) throws IOException {
        for (int chunk = 0; chunk < result.chunkCount(); chunk++) {
            try (InputStream in = result.fetchChunk(chunk, ResultFormat.ARROW_STREAM)) {
                if (chunk > 0) {
                    skipSchemaMessage(in);
                }
                copyWithoutEndOfStream(in, out);
            }
        }
        out.write(END_OF_STREAM);
    }

    /** Skips an encapsulated schema message: [continuation] length, metadata; a schema has no body. */
    private static void skipSchemaMessage(InputStream in) throws IOException {
        int length = readInt(in);
        if (length == CONTINUATION) {
            length = readInt(in);
        }
        in.skipNBytes(length);
    }

    /** Copies everything but the last 8 bytes, which must be the end-of-stream marker. */
    private static void copyWithoutEndOfStream(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        byte[] tail = new byte[0];
        int read;
        while ((read = in.read(buffer)) != -1) {
            byte[] window = new byte[tail.length + read];
            System.arraycopy(tail, 0, window, 0, tail.length);
            System.arraycopy(buffer, 0, window, tail.length, read);
            int keep = Math.min(END_OF_STREAM.length, window.length);
            out.write(window, 0, window.length - keep);
            tail = Arrays.copyOfRange(window, window.length - keep, window.length);
        }
        if (!Arrays.equals(tail, END_OF_STREAM)) {
            throw new IOException("an Arrow chunk did not end with the end-of-stream marker");
        }
    }

    private static int readInt(InputStream in) throws IOException {
        return ByteBuffer.wrap(in.readNBytes(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
