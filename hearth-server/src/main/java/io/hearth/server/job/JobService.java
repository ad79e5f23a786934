package io.hearth.server.job;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.FieldError;
import io.hearth.api.HearthException;
import io.hearth.api.ResultFormat;
import io.hearth.api.StatementState;
import io.hearth.api.job.JobRequest;
import io.hearth.server.artifact.Artifact;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.event.EventTargets;
import io.hearth.server.statement.JobSpec;
import io.hearth.server.statement.Statement;
import io.hearth.server.statement.StatementId;
import io.hearth.server.statement.StatementPage;
import io.hearth.server.statement.StatementService;
import io.hearth.server.statement.WorkKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs jobs of functions. Parameters are checked against the function's schema before anything is
 * stored; a job then goes through the statement service, so jobs have the statements' lifecycle,
 * wait timeout, idempotency keys, results and cancellation.
 */
public final class JobService {
    private final FunctionService functions;
    private final StatementService statements;
    private final EventTargets eventTargets;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ParameterValidator validator = new ParameterValidator();

    /** @param eventTargets checks a request's external_id and callback_url, as for statements */
    public JobService(FunctionService functions, StatementService statements, EventTargets eventTargets) {
        this.functions = requireNonNull(functions, "functions is null");
        this.statements = requireNonNull(statements, "statements is null");
        this.eventTargets = requireNonNull(eventTargets, "eventTargets is null");
    }

    /**
     * Accepts a job of the function, runs it, and waits up to the request's wait timeout.
     *
     * @throws HearthException INVALID_PARAMETER_VALUE listing each bad parameter; nothing is stored
     */
    public Statement submit(Principal principal, String functionName, JobRequest request) throws InterruptedException {
        return submit(principal, Optional.empty(), functionName, request);
    }

    /**
     * As {@link #submit(Principal, String, JobRequest)}, of the function {@code functionOwner} owns
     * (an admin running another's function; see {@link FunctionService#find(Principal, Optional,
     * String)}). The job is the principal's.
     */
    public Statement submit(
            Principal principal, Optional<String> functionOwner, String functionName, JobRequest request)
            throws InterruptedException {
        JobFunction function = functions.find(principal, functionOwner, functionName);
        Duration waitTimeout =
                statements.validateOptions(request.waitTimeout(), request.rowLimit(), request.idempotencyKey());
        eventTargets.validate(request.externalId(), request.callbackUrl());
        JsonNode parameters = mapper.valueToTree(request.parameters() == null ? Map.of() : request.parameters());
        List<FieldError> errors = validator.validate(function.parametersSchemaJson(), parameters);
        if (!errors.isEmpty()) {
            throw HearthException.invalidFields(
                    "parameters",
                    "the parameters do not fit function " + function.name() + ": " + errors.size()
                            + " problem(s), listed in errors",
                    errors);
        }
        Artifact artifact = functions.artifactOf(principal, function);
        Statement accepted = Statement.accepted(
                        statements.newId(),
                        principal.name(),
                        function.name(),
                        List.of(),
                        request.format() == null ? ResultFormat.JSON_ARRAY : request.format(),
                        request.rowLimit(),
                        request.idempotencyKey(),
                        statements.clock().instant())
                .withJob(new JobSpec(
                        function.name(),
                        artifact.id(),
                        artifact.path().toString(),
                        artifact.sha256(),
                        function.className(),
                        json(parameters)))
                // the request's context, else the one the function was registered for
                .withContext(request.context() != null ? request.context() : function.context())
                .withEventTarget(request.externalId(), request.callbackUrl());
        return statements.submit(principal, accepted, waitTimeout, request.onWaitTimeout());
    }

    public Statement find(Principal principal, StatementId id) {
        return statements.find(principal, id, WorkKind.JOB);
    }

    public List<Statement> list(
            OwnerFilter filter, Optional<StatementState> state, Optional<StatementPage> page, int limit) {
        return statements.list(filter, WorkKind.JOB, state, page, limit);
    }

    public Statement cancel(Principal principal, StatementId id) {
        return statements.cancel(principal, find(principal, id).id());
    }

    /** The tail of the job's log (its logger's lines), or empty when it logged nothing. */
    public Optional<String> logTail(Principal principal, StatementId id, int maxBytes) {
        return statements.logTail(find(principal, id), maxBytes);
    }

    private String json(JsonNode parameters) {
        try {
            return mapper.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parameters read from JSON cannot be written back", e);
        }
    }
}
