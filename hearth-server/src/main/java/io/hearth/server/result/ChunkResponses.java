package io.hearth.server.result;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.ResultFormat;
import io.hearth.api.statement.ChunkInfo;
import io.hearth.api.statement.ResultManifest;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes stored result chunks as HTTP answers, in the format the client asked for: the one way
 * statements' and jobs' results are served over REST. Counts the rows and bytes it sends.
 */
public final class ChunkResponses {
    private final ObjectMapper mapper;
    private final Map<ResultFormat, ResultMetrics.Served> served = new EnumMap<>(ResultFormat.class);

    public ChunkResponses(ObjectMapper mapper, ResultMetrics metrics) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        for (ResultFormat format : ResultFormat.values()) {
            served.put(format, metrics.served(ResultMetrics.Door.REST, format.name()));
        }
    }

    /** The response body of a JSON answer that may carry a result inline, counted as served result bytes. */
    public OutputStream body(Context ctx) {
        return body(ctx, ResultFormat.JSON_ARRAY);
    }

    private OutputStream body(Context ctx, ResultFormat format) {
        return new CountingOutputStream(ctx.outputStream(), served.get(format).bytes());
    }

    /**
     * Answers with one chunk in the requested format (JSON_ARRAY as an object with its place in
     * the result and the link to the next chunk).
     *
     * @param resultName names a CSV download ({@code <resultName>-<chunk>.csv})
     * @param linkPrefix the path chunk links start with, e.g. {@code /v1/statements/<id>/result/chunks/}
     */
    public void writeChunk(
            Context ctx,
            ResultFormat format,
            ResultManifest manifest,
            ResultStore.Chunk chunk,
            String resultName,
            String linkPrefix)
            throws IOException {
        ctx.contentType(format.mediaType());
        if (format == ResultFormat.CSV) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + resultName + "-" + chunk.index() + ".csv\"");
        }
        OutputStream out = body(ctx, format);
        if (format == ResultFormat.JSON_ARRAY) {
            try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
                generator.writeStartObject();
                writeChunkFields(generator, manifest, chunk, linkPrefix);
                generator.writeEndObject();
            }
        } else {
            chunk.writeTo(format, out);
            served.get(format)
                    .rows()
                    .increment(manifest.chunks().get(chunk.index()).rowCount());
        }
    }

    /** A JSON_ARRAY chunk's fields, for an object being written (a chunk answer, or a result inline). */
    public void writeChunkFields(
            JsonGenerator generator, ResultManifest manifest, ResultStore.Chunk chunk, String linkPrefix)
            throws IOException {
        int chunkIndex = chunk.index();
        ChunkInfo info = manifest.chunks().get(chunkIndex);
        generator.writeNumberField("chunk_index", info.chunkIndex());
        generator.writeNumberField("row_offset", info.rowOffset());
        generator.writeNumberField("row_count", info.rowCount());
        generator.writeFieldName("data_array");
        chunk.writeJsonRows(generator);
        served.get(ResultFormat.JSON_ARRAY).rows().increment(info.rowCount());
        boolean last = chunkIndex + 1 >= manifest.totalChunkCount();
        if (last) {
            generator.writeNullField("next_chunk_index");
            generator.writeNullField("next_chunk_internal_link");
        } else {
            generator.writeNumberField("next_chunk_index", chunkIndex + 1);
            generator.writeStringField("next_chunk_internal_link", linkPrefix + (chunkIndex + 1));
        }
    }

    /**
     * The format a chunk request asks for: {@code ?format=}, else the {@code Accept} header, else
     * the result's own format.
     */
    public static ResultFormat requestedFormat(Context ctx, ResultFormat resultFormat) {
        String query = ctx.queryParam("format");
        if (query != null && !query.isBlank()) {
            return ResultFormat.fromName(query)
                    .orElseThrow(() -> HearthException.invalidField(
                            "format",
                            "format must be one of JSON_ARRAY, CSV, ARROW_STREAM, BSON; got \"" + query + "\""));
        }
        String accept = ctx.header("Accept");
        if (accept == null || accept.isBlank()) {
            return resultFormat;
        }
        boolean anything = false;
        for (String part : accept.split(",")) {
            String mediaType = part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (mediaType.equals("*/*") || mediaType.isEmpty()) {
                anything = true;
                continue;
            }
            Optional<ResultFormat> format = ResultFormat.fromMediaType(mediaType);
            if (format.isPresent()) {
                return format.get();
            }
        }
        if (anything) {
            return resultFormat;
        }
        throw new HearthException(
                ErrorCode.NOT_ACCEPTABLE,
                "results are served as application/json, text/csv, application/vnd.apache.arrow.stream or"
                        + " application/bson, not "
                        + accept);
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        private final Counter counter;

        CountingOutputStream(OutputStream out, Counter counter) {
            super(out);
            this.counter = counter;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            counter.increment();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            counter.increment(len);
        }
    }
}
