package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.statement.ChunkInfo;
import io.hearth.api.statement.StatementList;
import io.hearth.api.statement.StatementRequest;
import io.hearth.api.statement.StatementStatus;
import io.hearth.api.statement.StatementSummary;
import io.hearth.server.auth.Principal;
import io.hearth.server.http.Json;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.hearth.server.result.ResultStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The statements API: submit, poll, list, cancel, and fetch result chunks in any format. */
public final class StatementRoutes implements RouteTable {
    private static final int DEFAULT_LIST_LIMIT = 50;
    private static final int MAX_LIST_LIMIT = 1000;

    private final StatementService statements;
    private final ObjectMapper mapper = Json.newMapper();
    private final Counter bytesServed;
    private Requests requests;

    public StatementRoutes(StatementService statements, MeterRegistry registry) {
        this.statements = requireNonNull(statements, "statements is null");
        this.bytesServed = Counter.builder("hearth.result.chunk.bytes.served")
                .description("Bytes of result chunks sent to clients, in the format they asked for")
                .register(registry);
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        this.requests = requests;
        routes.post("/v1/statements", this::submit);
        routes.get("/v1/statements", this::list);
        routes.get("/v1/statements/{statement_id}", this::get);
        routes.post("/v1/statements/{statement_id}/cancel", this::cancel);
        routes.get("/v1/statements/{statement_id}/result/chunks/{chunk_index}", this::chunk);
    }

    private void submit(Context ctx) throws Exception {
        StatementRequest request = requests.body(ctx, StatementRequest.class);
        Principal principal = Requests.principal(ctx);
        render(ctx, principal, statements.submit(principal, request));
    }

    private void get(Context ctx) throws IOException {
        Principal principal = Requests.principal(ctx);
        render(ctx, principal, statements.find(principal, statementId(ctx)));
    }

    private void cancel(Context ctx) throws IOException {
        Principal principal = Requests.principal(ctx);
        render(ctx, principal, statements.cancel(principal, statementId(ctx)));
    }

    private void list(Context ctx) {
        Principal principal = Requests.principal(ctx);
        Optional<StatementState> state = Optional.ofNullable(ctx.queryParam("state"))
                .filter(text -> !text.isBlank())
                .map(StatementRoutes::state);
        int limit = Requests.intQuery(ctx, "limit", DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT);
        Optional<StatementPage> page = Optional.ofNullable(ctx.queryParam("page_token"))
                .filter(text -> !text.isBlank())
                .map(StatementRoutes::decodePageToken);
        List<Statement> found = statements.list(principal, WorkKind.STATEMENT, state, page, limit + 1);
        List<Statement> shown = found.subList(0, Math.min(limit, found.size()));
        String next = found.size() > limit ? encodePageToken(shown.get(shown.size() - 1)) : null;
        ctx.json(new StatementList(shown.stream().map(StatementRoutes::summary).toList(), next));
    }

    private void chunk(Context ctx) throws IOException {
        Principal principal = Requests.principal(ctx);
        StatementId id = statementId(ctx);
        int chunkIndex = Requests.intPath(ctx, "chunk_index");
        Statement statement = statements.requireResult(statements.find(principal, id), chunkIndex);
        ResultFormat format = requestedFormat(ctx, statement.format());
        try (ResultStore.Chunk chunk = openChunk(statement, chunkIndex)) {
            ctx.contentType(format.mediaType());
            if (format == ResultFormat.CSV) {
                ctx.header("Content-Disposition", "attachment; filename=\"" + id + "-" + chunkIndex + ".csv\"");
            }
            OutputStream out = new CountingOutputStream(ctx.outputStream(), bytesServed);
            if (format == ResultFormat.JSON_ARRAY) {
                try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
                    generator.writeStartObject();
                    writeChunkFields(generator, statement, chunk);
                    generator.writeEndObject();
                }
            } else {
                chunk.writeTo(format, out);
            }
        }
    }

    /** Opens a chunk; a result that expired since the statement was read answers as expired. */
    private ResultStore.Chunk openChunk(Statement statement, int chunkIndex) {
        try {
            return statements.openChunk(statement, chunkIndex);
        } catch (HearthException e) {
            if (e.errorCode() == ErrorCode.NOT_FOUND) {
                throw new HearthException(
                        ErrorCode.RESULT_EXPIRED, "the result of statement " + statement.id() + " has expired");
            }
            throw e;
        }
    }

    /** The statement as JSON, with the first chunk's rows inline when its result is JSON_ARRAY. */
    private void render(Context ctx, Principal principal, Statement statement) throws IOException {
        ResultStore.Chunk inline = null;
        if (statement.state() == StatementState.SUCCEEDED
                && statement.format() == ResultFormat.JSON_ARRAY
                && statement.manifest().totalChunkCount() > 0) {
            try {
                inline = statements.openChunk(statement, 0);
            } catch (HearthException e) {
                // expired between reading the statement and opening its result: show it as it is now
                statement = statements.find(principal, statement.id());
            }
        }
        try {
            ctx.contentType("application/json");
            OutputStream out = new CountingOutputStream(ctx.outputStream(), bytesServed);
            try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringField("statement_id", statement.id().value());
                generator.writeFieldName("status");
                mapper.writeValue(
                        generator,
                        new StatementStatus(
                                statement.state(),
                                statement.error(),
                                statements.progress(statement.id()).orElse(null)));
                if (statement.state() == StatementState.SUCCEEDED && statement.manifest() != null) {
                    generator.writeFieldName("manifest");
                    mapper.writeValue(generator, statement.manifest());
                    if (inline != null) {
                        generator.writeFieldName("result");
                        generator.writeStartObject();
                        writeChunkFields(generator, statement, inline);
                        generator.writeEndObject();
                    }
                }
                generator.writeEndObject();
            }
        } finally {
            if (inline != null) {
                inline.close();
            }
        }
    }

    private void writeChunkFields(JsonGenerator generator, Statement statement, ResultStore.Chunk chunk)
            throws IOException {
        int chunkIndex = chunk.index();
        ChunkInfo info = statement.manifest().chunks().get(chunkIndex);
        generator.writeNumberField("chunk_index", info.chunkIndex());
        generator.writeNumberField("row_offset", info.rowOffset());
        generator.writeNumberField("row_count", info.rowCount());
        generator.writeFieldName("data_array");
        chunk.writeJsonRows(generator);
        boolean last = chunkIndex + 1 >= statement.manifest().totalChunkCount();
        if (last) {
            generator.writeNullField("next_chunk_index");
            generator.writeNullField("next_chunk_internal_link");
        } else {
            generator.writeNumberField("next_chunk_index", chunkIndex + 1);
            generator.writeStringField(
                    "next_chunk_internal_link",
                    "/v1/statements/" + statement.id() + "/result/chunks/" + (chunkIndex + 1));
        }
    }

    private static ResultFormat requestedFormat(Context ctx, ResultFormat statementFormat) {
        String query = ctx.queryParam("format");
        if (query != null && !query.isBlank()) {
            return ResultFormat.fromName(query)
                    .orElseThrow(() -> HearthException.invalidField(
                            "format", "format must be one of JSON_ARRAY, CSV, ARROW_STREAM; got \"" + query + "\""));
        }
        String accept = ctx.header("Accept");
        if (accept == null || accept.isBlank()) {
            return statementFormat;
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
            return statementFormat;
        }
        throw new HearthException(
                ErrorCode.NOT_ACCEPTABLE,
                "results are served as application/json, text/csv or application/vnd.apache.arrow.stream, not "
                        + accept);
    }

    private static StatementId statementId(Context ctx) {
        return new StatementId(ctx.pathParam("statement_id"));
    }

    private static StatementState state(String text) {
        try {
            return StatementState.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HearthException.invalidField(
                    "state",
                    "state must be one of PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED, CLOSED; got \"" + text + "\"");
        }
    }

    private static StatementSummary summary(Statement statement) {
        return new StatementSummary(
                statement.id().value(),
                statement.state(),
                statement.text(),
                statement.owner(),
                statement.createdAt(),
                statement.finishedAt(),
                statement.manifest() == null ? null : statement.manifest().totalRowCount(),
                statement.error());
    }

    private static String encodePageToken(Statement last) {
        String token = last.createdAt().toString() + "\n" + last.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static StatementPage decodePageToken(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 2);
            return new StatementPage(Instant.parse(parts[0]), new StatementId(parts[1]));
        } catch (RuntimeException e) {
            throw HearthException.invalidField("page_token", "page_token is not one this server gave out");
        }
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
