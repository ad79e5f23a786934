package io.hearth.server.job;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.HearthException;
import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.job.FunctionInfo;
import io.hearth.api.job.FunctionList;
import io.hearth.api.job.FunctionRequest;
import io.hearth.api.job.JobList;
import io.hearth.api.job.JobRequest;
import io.hearth.api.job.JobSummary;
import io.hearth.api.statement.StatementStatus;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.http.Json;
import io.hearth.server.http.Paging;
import io.hearth.server.http.Requests;
import io.hearth.server.http.RouteTable;
import io.hearth.server.result.ChunkResponses;
import io.hearth.server.result.ResultMetrics;
import io.hearth.server.result.ResultStore;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementId;
import io.hearth.server.statement.StatementPage;
import io.hearth.server.statement.StatementService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** The functions and jobs API: register functions, run jobs, and read their results and logs. */
public final class JobRoutes implements RouteTable {
    private static final int DEFAULT_LOG_BYTES = 64 * 1024;
    private static final int MAX_LOG_BYTES = 16 * 1024 * 1024;
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final FunctionService functions;
    private final JobService jobs;
    private final StatementService statements;
    private final ObjectMapper mapper = Json.newMapper();
    private final ChunkResponses chunks;
    private Requests requests;

    public JobRoutes(
            FunctionService functions, JobService jobs, StatementService statements, ResultMetrics resultMetrics) {
        this.functions = requireNonNull(functions, "functions is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.statements = requireNonNull(statements, "statements is null");
        this.chunks = new ChunkResponses(mapper, resultMetrics);
    }

    @Override
    public void addTo(RoutesConfig routes, Requests requests) {
        this.requests = requests;
        routes.post("/v1/functions", this::register);
        routes.get("/v1/functions", this::listFunctions);
        routes.get("/v1/functions/{name}", this::getFunction);
        routes.delete("/v1/functions/{name}", this::deleteFunction);
        routes.post("/v1/functions/{name}/jobs", this::submit);
        routes.get("/v1/jobs", this::listJobs);
        routes.get("/v1/jobs/{job_id}", this::get);
        routes.post("/v1/jobs/{job_id}/cancel", this::cancel);
        routes.get("/v1/jobs/{job_id}/result", this::result);
        routes.get("/v1/jobs/{job_id}/result/chunks/{chunk_index}", this::chunk);
        routes.get("/v1/jobs/{job_id}/log", this::log);
    }

    private void register(Context ctx) throws InterruptedException {
        FunctionRequest request = requests.body(ctx, FunctionRequest.class);
        ctx.status(201).json(info(functions.register(Requests.principal(ctx), request)));
    }

    private void listFunctions(Context ctx) {
        ctx.json(new FunctionList(functions.list(Requests.ownerFilter(ctx)).stream()
                .map(this::info)
                .toList()));
    }

    private void getFunction(Context ctx) {
        ctx.json(info(functions.find(Requests.principal(ctx), functionOwner(ctx), ctx.pathParam("name"))));
    }

    private void deleteFunction(Context ctx) {
        functions.delete(Requests.principal(ctx), functionOwner(ctx), ctx.pathParam("name"));
        ctx.status(204);
    }

    private void submit(Context ctx) throws Exception {
        JobRequest request = requests.body(ctx, JobRequest.class);
        Principal principal = Requests.principal(ctx);
        render(ctx, principal, jobs.submit(principal, functionOwner(ctx), ctx.pathParam("name"), request));
    }

    private void listJobs(Context ctx) {
        OwnerFilter filter = Requests.ownerFilter(ctx);
        Optional<StatementState> state = Requests.enumQuery(ctx, "state", StatementState.class);
        int limit = Paging.limit(ctx);
        Paging.Page<Statement> page = Paging.page(
                jobs.list(filter, state, StatementPage.start(ctx), limit + 1), limit, StatementPage::position);
        ctx.json(new JobList(page.items().stream().map(JobRoutes::summary).toList(), page.nextPageToken()));
    }

    private void get(Context ctx) throws IOException {
        Principal principal = Requests.principal(ctx);
        render(ctx, principal, jobs.find(principal, jobId(ctx)));
    }

    private void cancel(Context ctx) throws IOException {
        Principal principal = Requests.principal(ctx);
        render(ctx, principal, jobs.cancel(principal, jobId(ctx)));
    }

    /** A value as {@code {"value": ...}}; a Dataset as its manifest (and first chunk, for JSON_ARRAY). */
    private void result(Context ctx) throws IOException {
        Statement job = jobs.find(Requests.principal(ctx), jobId(ctx));
        if (job.state() == StatementState.SUCCEEDED && job.resultValue() != null) {
            ctx.contentType("application/json");
            try (JsonGenerator generator = mapper.getFactory().createGenerator(chunks.body(ctx))) {
                generator.writeStartObject();
                generator.writeFieldName("value");
                generator.writeRawValue(job.resultValue());
                generator.writeEndObject();
            }
            return;
        }
        statements.requireResult(job, 0);
        try (ResultStore.Chunk first = job.format() == ResultFormat.JSON_ARRAY ? statements.openChunk(job, 0) : null) {
            ctx.contentType("application/json");
            try (JsonGenerator generator = mapper.getFactory().createGenerator(chunks.body(ctx))) {
                generator.writeStartObject();
                writeResult(generator, job, first);
                generator.writeEndObject();
            }
        }
    }

    private void chunk(Context ctx) throws IOException {
        Principal principal = Requests.principal(ctx);
        int chunkIndex = Requests.intPath(ctx, "chunk_index");
        Statement job = statements.requireResult(jobs.find(principal, jobId(ctx)), chunkIndex);
        ResultFormat format = ChunkResponses.requestedFormat(ctx, job.format());
        try (ResultStore.Chunk chunk = statements.openChunk(job, chunkIndex)) {
            chunks.writeChunk(ctx, format, job.manifest(), chunk, job.id().value(), chunkLinks(job));
        }
    }

    private void log(Context ctx) {
        Principal principal = Requests.principal(ctx);
        int maxBytes = Requests.intQuery(ctx, "max_bytes", DEFAULT_LOG_BYTES, 1, MAX_LOG_BYTES);
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result(jobs.logTail(principal, jobId(ctx), maxBytes).orElse(""));
    }

    /** The job as JSON: its function and parameters, status, and once it succeeded its value or result. */
    private void render(Context ctx, Principal principal, Statement job) throws IOException {
        ResultStore.Chunk inline = null;
        if (job.state() == StatementState.SUCCEEDED
                && job.resultValue() == null
                && job.format() == ResultFormat.JSON_ARRAY
                && job.manifest().totalChunkCount() > 0) {
            try {
                inline = statements.openChunk(job, 0);
            } catch (HearthException e) {
                // expired between reading the job and opening its result: show it as it is now
                job = jobs.find(principal, job.id());
            }
        }
        try {
            ctx.contentType("application/json");
            try (JsonGenerator generator = mapper.getFactory().createGenerator(chunks.body(ctx))) {
                generator.writeStartObject();
                generator.writeStringField("job_id", job.id().value());
                generator.writeStringField("function", job.job().function());
                generator.writeFieldName("parameters");
                generator.writeRawValue(job.job().parametersJson());
                if (job.externalId() != null) {
                    generator.writeStringField("external_id", job.externalId());
                }
                if (job.callbackUrl() != null) {
                    generator.writeStringField("callback_url", job.callbackUrl());
                }
                generator.writeFieldName("status");
                mapper.writeValue(
                        generator,
                        new StatementStatus(
                                job.state(),
                                job.error(),
                                statements.progress(job).orElse(null)));
                if (job.state() == StatementState.SUCCEEDED) {
                    if (job.resultValue() != null) {
                        generator.writeFieldName("value");
                        generator.writeRawValue(job.resultValue());
                    } else if (job.manifest() != null) {
                        writeResult(generator, job, inline);
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

    private void writeResult(JsonGenerator generator, Statement job, ResultStore.Chunk first) throws IOException {
        generator.writeFieldName("manifest");
        mapper.writeValue(generator, job.manifest());
        if (first != null) {
            generator.writeFieldName("result");
            generator.writeStartObject();
            chunks.writeChunkFields(generator, job.manifest(), first, chunkLinks(job));
            generator.writeEndObject();
        }
    }

    private FunctionInfo info(JobFunction function) {
        Map<String, Object> schema;
        try {
            schema = mapper.readValue(function.parametersSchemaJson(), JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("function " + function.name() + " has a stored schema that is not JSON", e);
        }
        return new FunctionInfo(
                function.name(),
                function.artifactId(),
                function.className(),
                function.context(),
                schema,
                function.resultType(),
                function.owner(),
                function.createdAt());
    }

    /** Whose function a path names: {@code ?owner=} (an admin addressing another's), else the caller's. */
    private static Optional<String> functionOwner(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("owner")).map(String::trim).filter(owner -> !owner.isEmpty());
    }

    private static StatementId jobId(Context ctx) {
        return new StatementId(ctx.pathParam("job_id"));
    }

    private static String chunkLinks(Statement job) {
        return "/v1/jobs/" + job.id() + "/result/chunks/";
    }

    private static JobSummary summary(Statement job) {
        return new JobSummary(
                job.id().value(),
                job.job().function(),
                job.state(),
                job.owner(),
                job.createdAt(),
                job.finishedAt(),
                job.error());
    }
}
