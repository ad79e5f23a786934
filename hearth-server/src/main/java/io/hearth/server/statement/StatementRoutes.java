package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.HearthException;
import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.statement.StatementList;
import io.hearth.api.statement.StatementRequest;
import io.hearth.api.statement.StatementStatus;
import io.hearth.api.statement.StatementSummary;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.http.Json;
import io.hearth.server.http.Paging;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.hearth.server.result.ChunkResponses;
import io.hearth.server.result.ResultMetrics;
import io.hearth.server.result.ResultStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** The statements API: submit, poll, list, cancel, and fetch result chunks in any format. */
public final class StatementRoutes implements RouteTable {

    private final StatementService statements;
    private final ObjectMapper mapper = Json.newMapper();
    private final ChunkResponses chunks;
    private Requests requests;

    public StatementRoutes(StatementService statements, ResultMetrics resultMetrics) {
        this.statements = requireNonNull(statements, "statements is null");
        this.chunks = new ChunkResponses(mapper, resultMetrics);
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
        render(ctx, principal, find(principal, ctx));
    }

    private void cancel(Context ctx) throws IOException {
        Principal principal = Requests.principal(ctx);
        render(ctx, principal, statements.cancel(principal, find(principal, ctx).id()));
    }

    private void list(Context ctx) {
        OwnerFilter filter = Requests.ownerFilter(ctx);
        Optional<StatementState> state = Requests.enumQuery(ctx, "state", StatementState.class);
        // another user's session lists nothing, as if it had no statements: the owner filter still applies
        Optional<String> sessionId =
                Optional.ofNullable(ctx.queryParam("session_id")).filter(id -> !id.isBlank());
        int limit = Paging.limit(ctx);
        Paging.Page<Statement> page = Paging.page(
                statements.list(filter, WorkKind.STATEMENT, state, sessionId, StatementPage.start(ctx), limit + 1),
                limit,
                StatementPage::position);
        ctx.json(new StatementList(
                page.items().stream().map(StatementRoutes::summary).toList(), page.nextPageToken()));
    }

    private void chunk(Context ctx) throws IOException {
        Principal principal = Requests.principal(ctx);
        int chunkIndex = Requests.intPath(ctx, "chunk_index");
        Statement statement = statements.requireResult(find(principal, ctx), chunkIndex);
        ResultFormat format = ChunkResponses.requestedFormat(ctx, statement.format());
        try (ResultStore.Chunk chunk = statements.openChunk(statement, chunkIndex)) {
            chunks.writeChunk(
                    ctx, format, statement.manifest(), chunk, statement.id().value(), chunkLinks(statement));
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
            OutputStream out = chunks.body(ctx);
            try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringField("statement_id", statement.id().value());
                if (statement.sessionId() != null) {
                    generator.writeStringField("session_id", statement.sessionId());
                }
                if (statement.externalId() != null) {
                    generator.writeStringField("external_id", statement.externalId());
                }
                if (statement.callbackUrl() != null) {
                    generator.writeStringField("callback_url", statement.callbackUrl());
                }
                generator.writeFieldName("status");
                mapper.writeValue(
                        generator,
                        new StatementStatus(
                                statement.state(),
                                statement.error(),
                                statements.progress(statement).orElse(null)));
                if (statement.sink() != null) {
                    generator.writeFieldName("sink");
                    mapper.writeValue(generator, statement.sink());
                }
                if (statement.state() == StatementState.SUCCEEDED && statement.manifest() != null) {
                    generator.writeFieldName("manifest");
                    mapper.writeValue(generator, statement.manifest());
                    if (inline != null) {
                        generator.writeFieldName("result");
                        generator.writeStartObject();
                        chunks.writeChunkFields(generator, statement.manifest(), inline, chunkLinks(statement));
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

    private Statement find(Principal principal, Context ctx) {
        return statements.find(principal, new StatementId(ctx.pathParam("statement_id")), WorkKind.STATEMENT);
    }

    private static String chunkLinks(Statement statement) {
        return "/v1/statements/" + statement.id() + "/result/chunks/";
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
                statement.error(),
                statement.sessionId());
    }
}
