package io.hearth.server.job;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.job.FunctionRequest;
import io.hearth.protocol.v1.DescribeFunctionRequest;
import io.hearth.protocol.v1.DescribeFunctionResponse;
import io.hearth.server.artifact.Artifact;
import io.hearth.server.artifact.ArtifactUsage;
import io.hearth.server.artifact.Artifacts;
import io.hearth.server.auth.OwnerFilter;
import io.hearth.server.auth.Principal;
import io.hearth.server.engine.EngineLease;
import io.hearth.server.engine.EngineRequest;
import io.hearth.server.engine.EngineSelector;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Registers functions: a job class from an artifact, checked by an engine (which derives the JSON
 * Schema of its parameters) and stored under a name unique for its owner. A name is registered
 * once; to change a function, delete it and register it again.
 */
public final class FunctionService implements ArtifactUsage {
    static final String DEFAULT_CONTEXT = "default";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
    private static final int MAX_CLASS_NAME_LENGTH = 1024;

    private final FunctionRepository functions;
    private final Artifacts artifacts;
    private final EngineSelector engines;
    private final Clock clock;

    public FunctionService(FunctionRepository functions, Artifacts artifacts, EngineSelector engines, Clock clock) {
        this.functions = requireNonNull(functions, "functions is null");
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
        this.engines = requireNonNull(engines, "engines is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Checks the class on an engine and stores the function.
     *
     * @throws HearthException INVALID_FUNCTION (422) with the engine's reason when the class is not
     *     a usable job; CONFLICT when the owner already has a function of that name
     */
    public JobFunction register(Principal principal, FunctionRequest request) throws InterruptedException {
        String name = request.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw HearthException.invalidField(
                    "name",
                    "name must be a lower-case letter, then up to 63 lower-case letters, digits, '-' or '_'; got "
                            + (name == null ? "nothing" : "\"" + name + "\""));
        }
        if (request.artifactId() == null || request.artifactId().isBlank()) {
            throw HearthException.invalidField("artifact_id", "artifact_id is required");
        }
        String className = request.className();
        if (className == null
                || className.length() > MAX_CLASS_NAME_LENGTH
                || !CLASS_NAME.matcher(className).matches()) {
            throw HearthException.invalidField(
                    "class_name", "class_name must be a fully qualified Java class name such as com.example.WordCount");
        }
        String context = engines.checkContext(principal, request.context());
        if (functions.find(principal.name(), name).isPresent()) {
            throw alreadyExists(name);
        }
        Artifact artifact = artifacts.find(principal, request.artifactId());
        DescribeFunctionResponse described = describe(principal, context, artifact, className);
        JobFunction function = new JobFunction(
                principal.name(),
                name,
                artifact.id(),
                className,
                context,
                described.getParametersSchemaJson(),
                described.getResultType(),
                clock.instant());
        if (!functions.insert(function)) {
            throw alreadyExists(name);
        }
        return function;
    }

    /** The principal's own function of this name. */
    public JobFunction find(Principal principal, String name) {
        return find(principal, Optional.empty(), name);
    }

    /**
     * A function by its owner and name: the principal's own when {@code owner} is empty; another
     * owner's only for an admin (anyone else gets NOT_FOUND, as for a function that does not exist).
     */
    public JobFunction find(Principal principal, Optional<String> owner, String name) {
        String functionOwner = owner.orElse(principal.name());
        return Optional.of(functionOwner)
                .filter(principal::mayAccess)
                .flatMap(allowed -> functions.find(allowed, name))
                .orElseThrow(() -> notFound(name));
    }

    /** The functions a listing shows: by name (then owner, when it shows several owners'). */
    public List<JobFunction> list(OwnerFilter filter) {
        return filter.matchesNothing() ? List.of() : functions.list(filter.owner());
    }

    /** Forgets a function (see {@link #find(Principal, Optional, String)}); its jobs (and their results) stay. */
    public void delete(Principal principal, Optional<String> owner, String name) {
        JobFunction function = find(principal, owner, name);
        if (!functions.delete(function.owner(), name)) {
            throw notFound(name);
        }
    }

    /** The artifact a function's jobs run from. */
    Artifact artifactOf(Principal principal, JobFunction function) {
        return artifacts.find(principal, function.artifactId());
    }

    @Override
    public List<String> functionsUsing(String artifactId) {
        return functions.namesUsingArtifact(artifactId);
    }

    private DescribeFunctionResponse describe(Principal principal, String context, Artifact artifact, String className)
            throws InterruptedException {
        EngineRequest request = new EngineRequest(principal, Optional.of(context), "describe-" + UUID.randomUUID());
        try (EngineLease lease = engines.acquire(request)) {
            return lease.connection()
                    .describeFunction(DescribeFunctionRequest.newBuilder()
                            .setArtifactPath(artifact.path().toString())
                            .setArtifactSha256(artifact.sha256())
                            .setClassName(className)
                            .build());
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
                throw HearthException.aboutField(
                        ErrorCode.INVALID_FUNCTION,
                        "class " + className + " is not a usable job: " + status.getDescription(),
                        "class_name");
            }
            throw new HearthException(
                    ErrorCode.ENGINE_UNAVAILABLE,
                    "the engine could not describe " + className + ": " + status.getCode()
                            + (status.getDescription() == null ? "" : " " + status.getDescription()));
        }
    }

    private static HearthException notFound(String name) {
        return new HearthException(ErrorCode.NOT_FOUND, "function " + name + " does not exist");
    }

    private static HearthException alreadyExists(String name) {
        return HearthException.aboutField(
                ErrorCode.CONFLICT,
                "function " + name + " already exists; delete it first to register it again",
                "name");
    }
}
