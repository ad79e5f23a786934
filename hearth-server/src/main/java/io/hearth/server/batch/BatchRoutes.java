package io.hearth.server.batch;

import static java.util.Objects.requireNonNull;

import io.hearth.api.batch.BatchInfo;
import io.hearth.api.batch.BatchList;
import io.hearth.api.batch.BatchRequest;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.http.Paging;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** The batches API: submit, read, list, kill, and read a batch's output. */
public final class BatchRoutes implements RouteTable {
    private static final int DEFAULT_LOG_LINES = 200;
    private static final int MAX_LOG_LINES = 10_000;

    private final BatchService batches;
    private Requests requests;

    public BatchRoutes(BatchService batches) {
        this.batches = requireNonNull(batches, "batches is null");
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        this.requests = requests;
        routes.post("/v1/batches", this::submit);
        routes.get("/v1/batches", this::list);
        routes.get("/v1/batches/{batch_id}", this::get);
        routes.delete("/v1/batches/{batch_id}", this::kill);
        routes.get("/v1/batches/{batch_id}/log", this::log);
    }

    private void submit(Context ctx) {
        BatchRequest request = requests.body(ctx, BatchRequest.class);
        Batch batch = batches.submit(Requests.principal(ctx), request);
        ctx.status(201);
        ctx.header("Location", "/v1/batches/" + batch.id());
        ctx.json(info(batch));
    }

    private void list(Context ctx) {
        OwnerFilter filter = Requests.ownerFilter(ctx);
        int limit = Paging.limit(ctx);
        Optional<BatchPage> start =
                Paging.start(ctx).map(position -> new BatchPage(position.createdAt(), new BatchId(position.id())));
        Paging.Page<Batch> page = Paging.page(
                batches.list(filter, start, limit + 1),
                limit,
                batch -> new Paging.Position(batch.createdAt(), batch.id().value()));
        ctx.json(new BatchList(page.items().stream().map(BatchRoutes::info).toList(), page.nextPageToken()));
    }

    private void get(Context ctx) {
        ctx.json(info(batches.find(Requests.principal(ctx), batchId(ctx))));
    }

    private void kill(Context ctx) throws InterruptedException {
        ctx.json(info(batches.kill(Requests.principal(ctx), batchId(ctx))));
    }

    private void log(Context ctx) {
        Principal principal = Requests.principal(ctx);
        int lines = Requests.intQuery(ctx, "lines", DEFAULT_LOG_LINES, 1, MAX_LOG_LINES);
        List<String> tail = batches.logTail(principal, batchId(ctx), lines);
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result(tail.isEmpty() ? "" : String.join("\n", tail) + "\n");
    }

    private static BatchId batchId(Context ctx) {
        return new BatchId(ctx.pathParam("batch_id"));
    }

    static BatchInfo info(Batch batch) {
        return new BatchInfo(
                batch.id().value(),
                batch.owner(),
                batch.state(),
                batch.artifactId(),
                batch.className(),
                batch.args(),
                batch.conf(),
                batch.pid(),
                batch.exitCode(),
                batch.error(),
                batch.createdAt(),
                batch.startedAt(),
                batch.finishedAt(),
                batch.externalId(),
                batch.callbackUrl());
    }
}
