package io.hearth.server.result;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.ResultFormat;
import io.hearth.api.statement.ResultManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Keeps results as numbered chunks on disk and serves any chunk again, in any order and format.
 *
 * <p>A result lives in {@code <directory>/<resultId>/}: chunk files {@code chunk-<n>.arrows}, each
 * a complete Arrow IPC stream (schema, record batches, end of stream), and {@code manifest.json}
 * (the {@link ResultManifest} in snake_case JSON), written last. Files are written under temporary
 * names and renamed into place, so a crash never leaves a half chunk that looks complete, and a
 * result without a manifest does not exist for readers. Writing never decodes a record batch;
 * reading decodes one batch at a time, so neither holds a whole result in memory.
 *
 * <p>A result with no rows has exactly one chunk, chunk 0, holding the schema and no batches: it
 * is fetched like any chunk (an empty JSON array, a CSV header row, an Arrow stream without
 * batches), so chunk 0 of every result exists.
 *
 * <p>Values in JSON ({@link ResultFormat#JSON_ARRAY}, {@link #writeJsonRows}):
 *
 * <ul>
 *   <li>TINYINT, SMALLINT, INT, BIGINT: JSON numbers
 *   <li>FLOAT, DOUBLE: JSON numbers; NaN and infinities as the strings {@code "NaN"}, {@code
 *       "Infinity"}, {@code "-Infinity"}
 *   <li>DECIMAL: strings in plain notation with the column's scale, e.g. {@code "12.30"}
 *   <li>STRING: strings; BOOLEAN: {@code true} / {@code false}; BINARY: base64 strings (RFC 4648,
 *       padded)
 *   <li>DATE: {@code "2024-02-29"}
 *   <li>TIMESTAMP (Arrow timestamp, microseconds, with a time zone): the instant in UTC, always six
 *       fraction digits, {@code "2024-02-29T12:34:56.123456Z"}
 *   <li>TIMESTAMP_NTZ (Arrow timestamp, microseconds, no time zone): {@code
 *       "2024-02-29T12:34:56.123456"}, always six fraction digits
 *   <li>year-month intervals: ISO-8601 periods, normalized ({@code "P1Y2M"}); day-time intervals
 *       (Arrow duration): ISO-8601 durations ({@code "PT26H3M4.000005S"})
 *   <li>ARRAY: JSON arrays; STRUCT: JSON objects by field name; MAP: JSON objects whose keys are
 *       the keys' text form (below)
 *   <li>a null of any type, and the NULL type: {@code null}
 * </ul>
 *
 * Any other Arrow type is refused with {@link ErrorCode#NOT_ACCEPTABLE} before anything is
 * written; such a chunk can still be fetched as {@link ResultFormat#ARROW_STREAM}.
 *
 * <p>Values in CSV: RFC 4180 with CRLF line ends and a header row of column names; quotes only
 * where needed. A null is an empty field, an empty string is {@code ""}. Every other value is its
 * text form: the JSON text above without the quotes of a JSON string (numbers, {@code true},
 * {@code NaN}, {@code 12.30}, dates, base64), and nested values (ARRAY, MAP, STRUCT) as their JSON
 * text.
 *
 * <p>BSON: one document per row, concatenated; the types map as {@link BsonRows} says.
 */
public final class ResultStore implements AutoCloseable {
    private final ResultConfig config;
    private final ResultDirectory directory;
    private final BufferAllocator allocator;
    private final JsonFactory jsonFactory;
    private final ChunkConverter converter;

    public ResultStore(ResultConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.directory = new ResultDirectory(config.directory());
        this.allocator = new RootAllocator();
        this.jsonFactory = JsonFactory.builder()
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
        this.converter = new ChunkConverter(allocator, new ValueRenderers(jsonFactory));
    }

    /**
     * Starts writing a new result. Leftovers of an earlier, unfinished attempt under the same id are
     * removed.
     *
     * @throws HearthException {@link ErrorCode#CONFLICT} if a complete result with this id exists
     */
    public ResultWriter openWriter(String resultId) {
        if (!ResultDirectory.isValidResultId(resultId)) {
            throw new IllegalArgumentException("invalid result id: " + resultId);
        }
        if (directory.readManifest(resultId).isPresent()) {
            throw new HearthException(ErrorCode.CONFLICT, "result " + resultId + " already exists");
        }
        directory.delete(resultId);
        return new ChunkedResultWriter(directory, resultId, config);
    }

    /** The manifest of a complete result, or empty if there is no such result (yet). */
    public Optional<ResultManifest> readManifest(String resultId) {
        if (!ResultDirectory.isValidResultId(resultId)) {
            return Optional.empty();
        }
        return directory.readManifest(resultId);
    }

    /**
     * Opens one chunk for reading. The file stays readable through the returned handle even if the
     * result expires and is deleted meanwhile, so a response that has begun always completes.
     *
     * @throws HearthException {@link ErrorCode#NOT_FOUND} if the result or the chunk does not exist
     */
    public Chunk openChunk(String resultId, int chunkIndex) {
        return openChunk(resultId, chunkIndex, requireManifest(resultId));
    }

    /**
     * As {@link #openChunk(String, int)}, for a caller that already holds the result's manifest
     * (the statement store keeps it), so {@code manifest.json} is not read again on every fetch.
     */
    public Chunk openChunk(String resultId, int chunkIndex, ResultManifest manifest) {
        requireNonNull(manifest, "manifest is null");
        Path path = requireChunk(resultId, chunkIndex, manifest);
        try {
            return new Chunk(resultId, chunkIndex, manifest, FileChannel.open(path, StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            throw chunkVanished(resultId, chunkIndex, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open chunk " + chunkIndex + " of result " + resultId, e);
        }
    }

    /**
     * Streams one chunk to {@code out} in {@code format}, converting batch by batch. Does not close
     * {@code out}.
     *
     * @throws HearthException {@link ErrorCode#NOT_FOUND} if the result or the chunk does not exist;
     *     {@link ErrorCode#NOT_ACCEPTABLE} if a column cannot be rendered in that format (before
     *     anything is written)
     */
    public void writeChunk(String resultId, int chunkIndex, ResultFormat format, OutputStream out) {
        try (Chunk chunk = openChunk(resultId, chunkIndex)) {
            chunk.writeTo(format, out);
        }
    }

    /**
     * Writes one chunk's rows as a JSON array (of rows, each an array of values) into a generator
     * the caller is writing, e.g. as the value of a field it has just written.
     *
     * @throws HearthException as {@link #writeChunk}
     */
    public void writeJsonRows(String resultId, int chunkIndex, JsonGenerator generator) {
        try (Chunk chunk = openChunk(resultId, chunkIndex)) {
            chunk.writeJsonRows(generator);
        }
    }

    /** One open chunk file, read once in one format. */
    public final class Chunk implements AutoCloseable {
        private final String resultId;
        private final int chunkIndex;
        private final ResultManifest manifest;
        private final FileChannel channel;

        private Chunk(String resultId, int chunkIndex, ResultManifest manifest, FileChannel channel) {
            this.resultId = resultId;
            this.chunkIndex = chunkIndex;
            this.manifest = manifest;
            this.channel = channel;
        }

        /** Streams the chunk to {@code out} in {@code format}; does not close {@code out}. */
        public void writeTo(ResultFormat format, OutputStream out) {
            requireNonNull(format, "format is null");
            requireNonNull(out, "out is null");
            try {
                switch (format) {
                    case ARROW_STREAM -> Channels.newInputStream(channel).transferTo(out);
                    case CSV ->
                        converter.writeCsv(channel, name(), manifest.schema().columns(), out);
                    case BSON -> converter.writeBson(channel, name(), out);
                    case JSON_ARRAY -> {
                        try (JsonGenerator generator = jsonFactory.createGenerator(out)) {
                            converter.writeJsonRows(channel, name(), generator);
                        }
                    }
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write chunk " + chunkIndex + " of result " + resultId, e);
            }
        }

        /**
         * The chunk's Arrow IPC stream as stored (schema, record batches, end of stream), for a front
         * door that passes the engine's batches on; read once, closed with the chunk.
         */
        public InputStream arrowStream() {
            return Channels.newInputStream(channel);
        }

        /** Writes the chunk's rows as a JSON array into a generator the caller is writing. */
        public void writeJsonRows(JsonGenerator generator) {
            requireNonNull(generator, "generator is null");
            try {
                converter.writeJsonRows(channel, name(), generator);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write chunk " + chunkIndex + " of result " + resultId, e);
            }
        }

        /**
         * Reads the chunk batch by batch instead of in a format; the reader owns the chunk's file from
         * then on (closing it closes the file), so this is the chunk's one use.
         */
        public ChunkReader reader() {
            return new ChunkReader(
                    channel, allocator.newChildAllocator(name(), 0, Long.MAX_VALUE), new ValueRenderers(jsonFactory));
        }

        public int index() {
            return chunkIndex;
        }

        private String name() {
            return resultId + "/" + ResultDirectory.chunkFileName(chunkIndex);
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Deletes a result and its files; deleting a result that does not exist does nothing. */
    public void delete(String resultId) {
        if (ResultDirectory.isValidResultId(resultId)) {
            directory.delete(resultId);
        }
    }

    @Override
    public void close() {
        allocator.close();
    }

    private ResultManifest requireManifest(String resultId) {
        return readManifest(resultId)
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "result " + resultId + " does not exist"));
    }

    private Path requireChunk(String resultId, int chunkIndex, ResultManifest manifest) {
        if (chunkIndex < 0 || chunkIndex >= manifest.totalChunkCount()) {
            throw new HearthException(
                    ErrorCode.NOT_FOUND,
                    "result " + resultId + " has " + manifest.totalChunkCount() + " chunks; chunk " + chunkIndex
                            + " does not exist");
        }
        return directory.chunkPath(resultId, chunkIndex);
    }

    private static HearthException chunkVanished(String resultId, int chunkIndex, IOException cause) {
        return new HearthException(
                ErrorCode.NOT_FOUND, "chunk " + chunkIndex + " of result " + resultId + " no longer exists", cause);
    }
}
