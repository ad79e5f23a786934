package io.hearth.server.apidocs;

import static io.hearth.server.apidocs.ApiOperation.Content.inline;
import static io.hearth.server.apidocs.ApiOperation.Content.json;
import static io.hearth.server.apidocs.ApiOperation.Parameter.header;
import static io.hearth.server.apidocs.ApiOperation.Parameter.query;
import static io.hearth.server.apidocs.ApiOperation.Parameter.queryEnum;

import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.artifact.ArtifactInfo;
import io.hearth.api.artifact.ArtifactList;
import io.hearth.api.auth.Identity;
import io.hearth.api.batch.BatchInfo;
import io.hearth.api.batch.BatchList;
import io.hearth.api.batch.BatchRequest;
import io.hearth.api.context.ContextInfo;
import io.hearth.api.context.ContextList;
import io.hearth.api.context.ContextRequest;
import io.hearth.api.engine.EngineInfo;
import io.hearth.api.engine.EngineList;
import io.hearth.api.engine.PoolStatus;
import io.hearth.api.event.HearthEvent;
import io.hearth.api.job.FunctionInfo;
import io.hearth.api.job.FunctionList;
import io.hearth.api.job.FunctionRequest;
import io.hearth.api.job.JobList;
import io.hearth.api.job.JobRequest;
import io.hearth.api.job.JobResponse;
import io.hearth.api.job.NamedObjectList;
import io.hearth.api.session.SessionList;
import io.hearth.api.session.SessionRequest;
import io.hearth.api.session.SessionResponse;
import io.hearth.api.statement.ResultChunk;
import io.hearth.api.statement.StatementList;
import io.hearth.api.statement.StatementRequest;
import io.hearth.api.statement.StatementResponse;
import io.hearth.api.stream.StreamInfo;
import io.hearth.api.stream.StreamList;
import io.hearth.api.stream.StreamRequest;
import io.hearth.api.token.TokenCreated;
import io.hearth.api.token.TokenInfo;
import io.hearth.api.token.TokenList;
import io.hearth.api.token.TokenRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST API, one entry per route: the contract /openapi.json is built from. OpenApiContractTest
 * holds it equal to the routes the server registers, so a route cannot go undocumented.
 */
final class ApiOperations {
    /** The data of every event stream's events, a component schema though no JSON answer is one. */
    static final Class<?> EVENT_TYPE = HearthEvent.class;

    private static final ApiOperation.Parameter LIMIT = query("limit", "integer", "page size, 1 to 1000 (default 50)");
    private static final ApiOperation.Parameter PAGE_TOKEN =
            query("page_token", "string", "the next_page_token of the previous page");
    private static final ApiOperation.Parameter OWNER =
            query("owner", "string", "admins: list one owner's (a user naming another gets an empty list)");
    private static final ApiOperation.Parameter FUNCTION_OWNER =
            query("owner", "string", "admins: another owner's function of that name");
    private static final ApiOperation.Parameter STATE =
            queryEnum("state", StatementState.class, "only those in this state");
    private static final ApiOperation.Parameter SESSION =
            query("session_id", "string", "only the statements run in this session");
    private static final ApiOperation.Parameter FORMAT =
            queryEnum("format", ResultFormat.class, "the chunk's format (else Accept, else the result's format)");
    private static final ApiOperation.Parameter LINES =
            query("lines", "integer", "how many lines from the end (default 200)");
    private static final ApiOperation.Parameter LAST_EVENT_ID_HEADER =
            header("Last-Event-ID", "resume after this event's sequence number");
    private static final ApiOperation.Parameter LAST_EVENT_ID =
            query("last_event_id", "string", "as the Last-Event-ID header, for clients that cannot set it");

    private static final String LOCATION = "Location";
    private static final String TEXT = "{\"type\": \"string\"}";
    private static final String BINARY = "{\"type\": \"string\", \"contentMediaType\": \"%s\"}";
    private static final String EVENTS = "{\"type\": \"string\", \"description\": \"Server-Sent Events: each event's"
            + " id is its sequence, its event name its type, its data a HearthEvent as JSON\"}";
    private static final String HEALTH = "{\"type\": \"object\", \"properties\": {\"status\": {\"enum\": [\"UP\","
            + " \"DOWN\"]}, \"store\": {\"enum\": [\"UP\", \"DOWN\"]}}, \"required\": [\"status\"],"
            + " \"additionalProperties\": false}";
    private static final String JAR = "{\"type\": \"string\", \"contentMediaType\": \"application/java-archive\"}";
    private static final String UPLOAD_FORM = "{\"type\": \"object\", \"properties\": {\"file\": {\"type\":"
            + " \"string\", \"contentMediaType\": \"application/java-archive\"}, \"name\": {\"type\": \"string\"}},"
            + " \"required\": [\"file\"]}";

    private ApiOperations() {}

    static List<ApiOperation> all() {
        List<ApiOperation> all = new ArrayList<>();
        statements(all);
        sessions(all);
        jobs(all);
        engines(all);
        contexts(all);
        artifacts(all);
        batches(all);
        streams(all);
        events(all);
        identity(all);
        operations(all);
        return all;
    }

    private static void statements(List<ApiOperation> all) {
        all.add(post("/v1/statements", "statements", "Run a SQL statement")
                .describe("Stored PENDING before anything runs; waits up to wait_timeout for the result. A"
                        + " failed statement is still 200 with status.error.")
                .body(StatementRequest.class)
                .answers(200, "the statement (its first chunk inline for JSON_ARRAY)", StatementResponse.class)
                .problems(400, 403, 404, 409, 413, 415, 429, 503));
        all.add(get("/v1/statements", "statements", "List statements, newest first")
                .query(STATE, SESSION, LIMIT, PAGE_TOKEN, OWNER)
                .answers(200, "a page of statements", StatementList.class)
                .problems(400));
        all.add(get("/v1/statements/{statement_id}", "statements", "Read a statement")
                .answers(200, "the statement", StatementResponse.class)
                .problems(404));
        all.add(post("/v1/statements/{statement_id}/cancel", "statements", "Cancel a statement")
                .answers(200, "the statement; a finished one unchanged", StatementResponse.class)
                .problems(404));
        all.add(chunk(get("/v1/statements/{statement_id}/result/chunks/{chunk_index}", "statements", "Fetch a chunk")));
        all.add(events("/v1/statements/{statement_id}/events", "statements", "A statement's events"));
    }

    private static void sessions(List<ApiOperation> all) {
        all.add(post("/v1/sessions", "sessions", "Open a session on an engine")
                .optionalBody(SessionRequest.class)
                .answers(200, "the open session", SessionResponse.class)
                .problems(400, 413, 415, 429, 503));
        all.add(get("/v1/sessions", "sessions", "List sessions, newest first")
                .query(LIMIT, PAGE_TOKEN, OWNER)
                .answers(200, "a page of sessions", SessionList.class)
                .problems(400));
        all.add(get("/v1/sessions/{session_id}", "sessions", "Read a session")
                .answers(200, "the session", SessionResponse.class)
                .problems(404));
        all.add(delete("/v1/sessions/{session_id}", "sessions", "Close a session")
                .answers(200, "the closed session", SessionResponse.class)
                .problems(404));
        all.add(events("/v1/sessions/{session_id}/events", "sessions", "A session's events"));
    }

    private static void jobs(List<ApiOperation> all) {
        all.add(post("/v1/functions", "jobs", "Register a function (a job class of an artifact)")
                .body(FunctionRequest.class)
                .answers(201, "the function, with its parameter schema", FunctionInfo.class)
                .problems(400, 404, 409, 413, 415, 422, 429, 503));
        all.add(get("/v1/functions", "jobs", "List functions")
                .query(OWNER)
                .answers(200, "the functions", FunctionList.class));
        all.add(get("/v1/functions/{name}", "jobs", "Read a function")
                .query(FUNCTION_OWNER)
                .answers(200, "the function", FunctionInfo.class)
                .problems(404));
        all.add(delete("/v1/functions/{name}", "jobs", "Delete a function")
                .query(FUNCTION_OWNER)
                .noContent("deleted")
                .problems(404));
        all.add(post("/v1/functions/{name}/jobs", "jobs", "Run a function as a job")
                .query(FUNCTION_OWNER)
                .body(JobRequest.class)
                .answers(200, "the job (its value, or first chunk inline for JSON_ARRAY)", JobResponse.class)
                .problems(400, 404, 409, 413, 415, 429, 503));
        all.add(get("/v1/jobs", "jobs", "List jobs, newest first")
                .query(STATE, LIMIT, PAGE_TOKEN, OWNER)
                .answers(200, "a page of jobs", JobList.class)
                .problems(400));
        all.add(get("/v1/jobs/{job_id}", "jobs", "Read a job")
                .answers(200, "the job", JobResponse.class)
                .problems(404));
        all.add(post("/v1/jobs/{job_id}/cancel", "jobs", "Cancel a job")
                .answers(200, "the job; a finished one unchanged", JobResponse.class)
                .problems(404));
        all.add(get("/v1/jobs/{job_id}/result", "jobs", "A job's result")
                .describe("{\"value\": ...} for a value; manifest (and result, the first chunk, for"
                        + " JSON_ARRAY) for a Dataset.")
                .answers(200, "the result", JobResponse.class)
                .problems(404, 409, 410));
        all.add(chunk(get("/v1/jobs/{job_id}/result/chunks/{chunk_index}", "jobs", "Fetch a chunk of a job's result")));
        all.add(get("/v1/jobs/{job_id}/log", "jobs", "The end of a job's log")
                .query(query("max_bytes", "integer", "at most this many bytes from the end"))
                .answers(200, "log lines", List.of(inline("text/plain", TEXT)))
                .problems(400, 404));
        all.add(events("/v1/jobs/{job_id}/events", "jobs", "A job's events"));
    }

    private static void engines(List<ApiOperation> all) {
        all.add(get("/v1/engines", "engines", "List the engines the caller may see")
                .answers(200, "the engines", EngineList.class));
        all.add(get("/v1/engines/{engine_id}", "engines", "Read an engine")
                .answers(200, "the engine", EngineInfo.class)
                .problems(404));
        all.add(delete("/v1/engines/{engine_id}", "engines", "Stop an engine")
                .answers(200, "the engine, stopping or stopped", EngineInfo.class)
                .problems(403, 404));
        all.add(get("/v1/engines/{engine_id}/log", "engines", "The end of an engine's output")
                .query(LINES)
                .answers(200, "log lines", List.of(inline("text/plain", TEXT)))
                .problems(400, 403, 404));
        all.add(get("/v1/engines/{engine_id}/objects", "engines", "Named objects jobs kept on an engine")
                .answers(200, "the objects", NamedObjectList.class)
                .problems(404, 502, 503));
        all.add(get("/v1/pool", "engines", "The engine pool's queue and engines, over all users")
                .describe("Counts only (the admission queue, the limits, engines by state), the same the"
                        + " caller could read on /metrics: no one's work is named, so every signed-in user"
                        + " reads them.")
                .answers(200, "the counts", PoolStatus.class));
    }

    private static void contexts(List<ApiOperation> all) {
        all.add(post("/v1/contexts", "contexts", "Create a context")
                .body(ContextRequest.class)
                .answers(201, "the context", ContextInfo.class, LOCATION)
                .problems(400, 403, 409, 413, 415));
        all.add(get("/v1/contexts", "contexts", "List the contexts the caller may use")
                .answers(200, "the contexts", ContextList.class));
        all.add(get("/v1/contexts/{name}", "contexts", "Read a context")
                .answers(200, "the context", ContextInfo.class)
                .problems(404));
        all.add(put("/v1/contexts/{name}", "contexts", "Replace a context")
                .body(ContextRequest.class)
                .answers(200, "the context", ContextInfo.class)
                .problems(400, 403, 404, 409, 413, 415));
        all.add(delete("/v1/contexts/{name}", "contexts", "Delete a context")
                .noContent("deleted")
                .problems(403, 404, 409));
    }

    private static void artifacts(List<ApiOperation> all) {
        all.add(post("/v1/artifacts", "artifacts", "Upload a jar")
                .describe("The jar as the body with ?name=, or a multipart form with a file part and an"
                        + " optional name field. Limited by artifact.max-bytes.")
                .query(query("name", "string", "the artifact's name (raw uploads)"))
                .bodies(
                        inline("application/java-archive", JAR),
                        inline("application/octet-stream", JAR),
                        inline("application/x-java-archive", JAR),
                        inline("application/zip", JAR),
                        inline("multipart/form-data", UPLOAD_FORM))
                .answers(201, "the artifact", ArtifactInfo.class, LOCATION)
                .problems(400, 413, 415, 422));
        all.add(get("/v1/artifacts", "artifacts", "List artifacts, newest first")
                .query(LIMIT, PAGE_TOKEN, OWNER)
                .answers(200, "a page of artifacts", ArtifactList.class)
                .problems(400));
        all.add(get("/v1/artifacts/{artifact_id}", "artifacts", "Read an artifact")
                .answers(200, "the artifact", ArtifactInfo.class)
                .problems(404));
        all.add(delete("/v1/artifacts/{artifact_id}", "artifacts", "Delete an artifact")
                .noContent("deleted")
                .problems(404, 409));
    }

    private static void batches(List<ApiOperation> all) {
        all.add(post("/v1/batches", "batches", "Submit a Spark application")
                .body(BatchRequest.class)
                .answers(201, "the batch, PENDING", BatchInfo.class, LOCATION)
                .problems(400, 413, 415));
        all.add(get("/v1/batches", "batches", "List batches, newest first")
                .query(LIMIT, PAGE_TOKEN, OWNER)
                .answers(200, "a page of batches", BatchList.class)
                .problems(400));
        all.add(get("/v1/batches/{batch_id}", "batches", "Read a batch")
                .answers(200, "the batch", BatchInfo.class)
                .problems(404));
        all.add(delete("/v1/batches/{batch_id}", "batches", "Kill a batch")
                .answers(200, "the batch once it ended", BatchInfo.class)
                .problems(404));
        all.add(get("/v1/batches/{batch_id}/log", "batches", "The end of a batch's output")
                .query(LINES)
                .answers(200, "log lines", List.of(inline("text/plain", TEXT)))
                .problems(400, 404));
        all.add(events("/v1/batches/{batch_id}/events", "batches", "A batch's events"));
    }

    private static void streams(List<ApiOperation> all) {
        all.add(post("/v1/streams", "streams", "Start a Structured Streaming query")
                .body(StreamRequest.class)
                .answers(201, "the stream, QUEUED", StreamInfo.class, LOCATION)
                .problems(400, 413, 415, 429));
        all.add(get("/v1/streams", "streams", "List streams, newest first")
                .query(LIMIT, PAGE_TOKEN, OWNER)
                .answers(200, "a page of streams", StreamList.class)
                .problems(400));
        all.add(get("/v1/streams/{stream_id}", "streams", "Read a stream")
                .answers(200, "the stream", StreamInfo.class)
                .problems(404));
        all.add(post("/v1/streams/{stream_id}/stop", "streams", "Stop a stream")
                .answers(200, "the stream, STOPPED", StreamInfo.class)
                .problems(404));
        all.add(events("/v1/streams/{stream_id}/events", "streams", "A stream's events"));
    }

    private static void events(List<ApiOperation> all) {
        all.add(get("/v1/events", "events", "The caller's events as they happen")
                .query(OWNER, LAST_EVENT_ID_HEADER, LAST_EVENT_ID)
                .answers(200, "Server-Sent Events; data is a HearthEvent", List.of(inline("text/event-stream", EVENTS)))
                .problems(400));
    }

    private static void identity(List<ApiOperation> all) {
        all.add(post("/v1/tokens", "tokens", "Create an API token")
                .body(TokenRequest.class)
                .answers(201, "the token, with its secret (shown only here)", TokenCreated.class, LOCATION)
                .problems(400, 413, 415));
        all.add(get("/v1/tokens", "tokens", "List the caller's tokens")
                .query(LIMIT, PAGE_TOKEN)
                .answers(200, "a page of tokens, never their secrets", TokenList.class)
                .problems(400));
        all.add(get("/v1/tokens/{token_id}", "tokens", "Read a token")
                .answers(200, "the token", TokenInfo.class)
                .problems(404));
        all.add(delete("/v1/tokens/{token_id}", "tokens", "Revoke a token")
                .noContent("revoked")
                .problems(404));
        all.add(get("/v1/me", "identity", "Who the gateway takes the caller to be")
                .answers(200, "the caller", Identity.class));
    }

    private static void operations(List<ApiOperation> all) {
        all.add(get("/health/live", "operations", "Liveness")
                .open()
                .answers(200, "the process serves", List.of(inline("application/json", HEALTH))));
        all.add(get("/health/ready", "operations", "Readiness")
                .open()
                .answers(200, "the metadata store answers", List.of(inline("application/json", HEALTH)))
                .answers(503, "the metadata store does not answer", List.of(inline("application/json", HEALTH))));
        all.add(get("/metrics", "operations", "Prometheus metrics")
                .answers(200, "Prometheus text format 0.0.4", List.of(inline("text/plain", TEXT))));
        all.add(get("/openapi.json", "operations", "This document")
                .open()
                .answers(
                        200,
                        "the OpenAPI 3.1 document",
                        List.of(inline("application/json", "{\"type\": \"object\"}"))));
    }

    private static ApiOperation chunk(ApiOperation operation) {
        List<ApiOperation.Content> formats = new ArrayList<>();
        formats.add(json(ResultChunk.class));
        for (ResultFormat format : ResultFormat.values()) {
            if (format != ResultFormat.JSON_ARRAY) {
                formats.add(inline(format.mediaType(), BINARY.formatted(format.mediaType())));
            }
        }
        return operation
                .describe("Any chunk, again and in any order, in any format: ?format= or Accept, else the"
                        + " result's own. 409 before there is a result, 410 once it expired.")
                .query(FORMAT)
                .answers(200, "the chunk", formats)
                .problems(400, 404, 406, 409, 410);
    }

    private static ApiOperation events(String path, String tag, String summary) {
        return get(path, tag, summary)
                .describe("Server-Sent Events from the first (or after Last-Event-ID), ending after the"
                        + " terminal one; see docs/events.md. The data of each is a HearthEvent.")
                .query(LAST_EVENT_ID_HEADER, LAST_EVENT_ID)
                .answers(200, "Server-Sent Events", List.of(inline("text/event-stream", EVENTS)))
                .problems(400, 404);
    }

    private static ApiOperation get(String path, String tag, String summary) {
        return new ApiOperation("GET", path, tag, summary);
    }

    private static ApiOperation post(String path, String tag, String summary) {
        return new ApiOperation("POST", path, tag, summary);
    }

    private static ApiOperation put(String path, String tag, String summary) {
        return new ApiOperation("PUT", path, tag, summary);
    }

    private static ApiOperation delete(String path, String tag, String summary) {
        return new ApiOperation("DELETE", path, tag, summary);
    }
}
