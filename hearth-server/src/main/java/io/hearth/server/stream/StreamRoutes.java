package io.hearth.server.stream;

import static java.util.Objects.requireNonNull;

import io.hearth.api.stream.StreamInfo;
import io.hearth.api.stream.StreamList;
import io.hearth.api.stream.StreamProgress;
import io.hearth.api.stream.StreamRequest;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.http.Paging;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** The streams API: start, read, list and stop long-running Structured Streaming queries. */
public final class StreamRoutes implements RouteTable {
    private final StreamService streams;
    private Requests requests;

    public StreamRoutes(StreamService streams) {
        this.streams = requireNonNull(streams, "streams is null");
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        this.requests = requests;
        routes.post("/v1/streams", this::submit);
        routes.get("/v1/streams", this::list);
        routes.get("/v1/streams/{stream_id}", this::get);
        routes.post("/v1/streams/{stream_id}/stop", this::stop);
    }

    private void submit(Context ctx) {
        StreamRequest request = requests.body(ctx, StreamRequest.class);
        Stream stream = streams.submit(Requests.principal(ctx), request);
        ctx.status(201);
        ctx.header("Location", "/v1/streams/" + stream.id());
        ctx.json(info(stream));
    }

    private void list(Context ctx) {
        OwnerFilter filter = Requests.ownerFilter(ctx);
        int limit = Paging.limit(ctx);
        Optional<StreamPage> start =
                Paging.start(ctx).map(position -> new StreamPage(position.createdAt(), new StreamId(position.id())));
        Paging.Page<Stream> page = Paging.page(
                streams.list(filter, start, limit + 1),
                limit,
                stream -> new Paging.Position(stream.createdAt(), stream.id().value()));
        ctx.json(new StreamList(page.items().stream().map(this::info).toList(), page.nextPageToken()));
    }

    private void get(Context ctx) {
        ctx.json(info(streams.find(Requests.principal(ctx), streamId(ctx))));
    }

    private void stop(Context ctx) {
        ctx.json(info(streams.stop(Requests.principal(ctx), streamId(ctx))));
    }

    private static StreamId streamId(Context ctx) {
        return new StreamId(ctx.pathParam("stream_id"));
    }

    private StreamInfo info(Stream stream) {
        List<StreamProgress> progress = streams.progress(stream);
        StreamSpec spec = stream.spec();
        return new StreamInfo(
                stream.id().value(),
                stream.name(),
                stream.owner(),
                stream.state(),
                stream.context(),
                stream.engineId(),
                spec.source(),
                spec.statement(),
                spec.sink(),
                spec.trigger(),
                spec.checkpoint(),
                stream.externalId(),
                stream.restarts(),
                stream.error(),
                stream.createdAt(),
                stream.startedAt(),
                stream.endedAt(),
                progress.isEmpty() ? null : progress.get(progress.size() - 1),
                progress);
    }
}
