package io.hearth.server.context;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.FieldError;
import io.hearth.api.HearthException;
import io.hearth.api.context.ContextAcl;
import io.hearth.api.context.ContextInfo;
import io.hearth.api.context.ContextRequest;
import io.hearth.server.artifact.Artifact;
import io.hearth.server.artifact.Artifacts;
import io.hearth.server.auth.Principal;
import io.hearth.server.config.Durations;
import io.hearth.server.engine.ContextCatalog;
import io.hearth.server.engine.EngineContext;
import io.hearth.server.engine.ImpersonationConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contexts: the configured {@code default} (read-only here) and those made through the API, kept
 * in the store so every gateway on it sees the same. Each is resolved against the default for the
 * fields it leaves out, when it is read, so a change of the server's defaults reaches them.
 */
public final class ContextService implements ContextCatalog {
    private static final Logger log = LoggerFactory.getLogger(ContextService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern MEMORY = Pattern.compile("\\d{1,9}[kmgtKMGT]?");
    /** Conf with a field of its own, so it is given in one place only. */
    private static final Map<String, String> OWN_FIELDS =
            Map.of("spark.master", "master", "spark.driver.memory", "driver_memory", "spark.jars", "jars");

    private static final int MAX_CONF_ENTRIES = 200;
    /** The configured context: everyone uses it; it is changed in configuration only. */
    private static final ContextAcl DEFAULT_ACL = new ContextAcl(List.of(ContextAccess.EVERYONE), List.of());

    private final ContextRepository contexts;
    private final EngineContext defaults;
    private final int maxTotal;
    private final Artifacts artifacts;
    private final ImpersonationConfig impersonation;
    private final Clock clock;

    /**
     * @param defaults the {@code default} context, from configuration
     * @param maxTotal {@code engine.max-total}: the cap of every context's max-engines
     * @param impersonation which share levels and warm engines a new context may have
     */
    public ContextService(
            ContextRepository contexts,
            EngineContext defaults,
            int maxTotal,
            Artifacts artifacts,
            ImpersonationConfig impersonation,
            Clock clock) {
        this.contexts = requireNonNull(contexts, "contexts is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.maxTotal = maxTotal;
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
        this.impersonation = requireNonNull(impersonation, "impersonation is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ContextInfo create(Principal principal, ContextRequest request) {
        String name = request.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw HearthException.invalidField(
                    "name", "name must be 1 to 64 letters, digits, '-' or '_', got " + quoted(name));
        }
        if (name.equals(EngineContext.DEFAULT)) {
            throw HearthException.aboutField(
                    ErrorCode.CONFLICT,
                    "context default exists already; it is set in configuration (engine.*)",
                    "name");
        }
        checkImpersonation(resolve(principal.name(), request));
        Instant now = clock.instant();
        if (!contexts.insert(new StoredContext(name, request, principal.name(), now, now, request.acl()))) {
            throw HearthException.aboutField(ErrorCode.CONFLICT, "context " + name + " exists already", "name");
        }
        log.info("{} created context {}", principal.name(), name);
        return get(principal, name);
    }

    /**
     * Replaces a context's definition (and its ACL, when the request gives one); engines already
     * started keep theirs until they stop.
     *
     * @throws HearthException CONFLICT for {@code default}; NOT_FOUND when the principal may not
     *     use it; PERMISSION_DENIED when they may use but not change it
     */
    public ContextInfo replace(Principal principal, String name, ContextRequest request) {
        if (request.name() != null && !request.name().equals(name)) {
            throw HearthException.invalidField(
                    "name", "name " + quoted(request.name()) + " differs from the path's " + quoted(name));
        }
        StoredContext stored = requireManage(principal, name, "changed");
        checkImpersonation(resolve(stored.createdBy(), request));
        ContextAcl acl = request.acl() == null ? stored.acl() : withDefaults(request.acl(), stored.acl());
        if (!contexts.replace(name, withName(request, name), acl, clock.instant())) {
            throw notFound(name);
        }
        log.info("{} changed context {}", principal.name(), name);
        return get(principal, name);
    }

    /** Deletes a context (the checks of {@link #replace}). */
    public void delete(Principal principal, String name) {
        requireManage(principal, name, "deleted");
        if (!contexts.delete(name)) {
            throw notFound(name);
        }
        log.info("{} deleted context {}", principal.name(), name);
    }

    /**
     * Fails unless the principal may change or delete the context: CONFLICT for {@code default}
     * (set in configuration), NOT_FOUND when they may not use it (as for no context), and
     * PERMISSION_DENIED when they may use but not change it.
     */
    public StoredContext requireManage(Principal principal, String name, String what) {
        refuseDefault(name, what);
        StoredContext stored = visible(principal, name);
        if (!ContextAccess.mayManage(principal, stored.acl())) {
            throw new HearthException(
                    ErrorCode.PERMISSION_DENIED,
                    "context " + name + " may be " + what + " only by "
                            + describe(stored.acl().manage()) + " or an admin (its acl.manage)");
        }
        return stored;
    }

    /** A context the principal may use; NOT_FOUND otherwise, as for no context. */
    public ContextInfo get(Principal principal, String name) {
        if (name.equals(EngineContext.DEFAULT)) {
            return defaultInfo();
        }
        return info(visible(principal, name));
    }

    /** The contexts the principal may use, {@code default} first, then by name. */
    public List<ContextInfo> list(Principal principal) {
        List<ContextInfo> all = new ArrayList<>();
        all.add(defaultInfo());
        usable().forEach((stored, context) -> {
            if (ContextAccess.mayUse(principal, stored.acl())) {
                all.add(info(stored, context));
            }
        });
        return all;
    }

    @Override
    public Optional<EngineContext> find(String name) {
        if (name.equals(EngineContext.DEFAULT)) {
            return Optional.of(defaults);
        }
        return contexts.find(name).map(stored -> resolve(stored.createdBy(), stored.spec()));
    }

    @Override
    public Optional<EngineContext> find(Principal principal, String name) {
        if (name.equals(EngineContext.DEFAULT)) {
            return Optional.of(defaults);
        }
        return contexts.find(name)
                .filter(stored -> ContextAccess.mayUse(principal, stored.acl()))
                .map(stored -> resolve(stored.createdBy(), stored.spec()));
    }

    @Override
    public List<EngineContext> all() {
        List<EngineContext> all = new ArrayList<>();
        all.add(defaults);
        all.addAll(usable().values());
        return all;
    }

    /** Stored contexts that still resolve (an artifact of theirs may have been deleted), with a warning for the rest. */
    private Map<StoredContext, EngineContext> usable() {
        Map<StoredContext, EngineContext> usable = new LinkedHashMap<>();
        for (StoredContext stored : contexts.list()) {
            try {
                usable.put(stored, resolve(stored.createdBy(), stored.spec()));
            } catch (HearthException e) {
                log.warn("Context {} is unusable: {}", stored.name(), e.getMessage());
            }
        }
        return usable;
    }

    /**
     * The context with every absent field from the default, checked; all problems at once.
     *
     * @param owner whose artifacts its jars are
     */
    private EngineContext resolve(String owner, ContextRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String master =
                request.master() == null ? defaults.master() : request.master().trim();
        if (master.isEmpty()) {
            errors.add(new FieldError("master", "master must not be empty"));
        }
        String driverMemory = request.driverMemory() == null ? defaults.driverMemory() : request.driverMemory();
        if (!MEMORY.matcher(driverMemory).matches()) {
            errors.add(new FieldError("driver_memory", "driver_memory must be a size such as 2g or 512m"));
        }
        if (request.sparkConf().size() > MAX_CONF_ENTRIES) {
            errors.add(new FieldError("spark_conf", "spark_conf has more than " + MAX_CONF_ENTRIES + " entries"));
        }
        request.sparkConf().forEach((key, value) -> {
            if (!key.startsWith("spark.")) {
                errors.add(new FieldError("spark_conf." + key, "only Spark conf (keys starting spark.) belongs here"));
            } else if (OWN_FIELDS.containsKey(key)) {
                errors.add(
                        new FieldError("spark_conf." + key, key + " has a field of its own: " + OWN_FIELDS.get(key)));
            } else if (value == null) {
                errors.add(new FieldError("spark_conf." + key, "a value is required"));
            }
        });
        List<Path> jars = new ArrayList<>();
        for (int i = 0; i < request.jars().size(); i++) {
            String artifactId = request.jars().get(i);
            try {
                Artifact artifact = artifacts.find(new Principal(owner), artifactId);
                jars.add(artifact.path().toAbsolutePath());
            } catch (HearthException e) {
                errors.add(new FieldError("jars[" + i + "]", "artifact " + artifactId + " does not exist"));
            }
        }
        int maxEngines =
                request.maxEngines() == null ? Math.min(defaults.maxEngines(), maxTotal) : request.maxEngines();
        if (maxEngines < 1 || maxEngines > maxTotal) {
            errors.add(new FieldError("max_engines", "max_engines must be 1 to " + maxTotal + " (engine.max-total)"));
        }
        int minIdle = request.minIdle() == null ? 0 : request.minIdle();
        if (minIdle < 0 || minIdle > maxEngines) {
            errors.add(new FieldError("min_idle", "min_idle must be 0 to max_engines (" + maxEngines + ")"));
        }
        int maxConcurrent = request.maxConcurrentPerEngine() == null
                ? defaults.maxConcurrentPerEngine()
                : request.maxConcurrentPerEngine();
        if (maxConcurrent < 1 || maxConcurrent > 1000) {
            errors.add(new FieldError("max_concurrent_per_engine", "max_concurrent_per_engine must be 1 to 1000"));
        }
        Duration idleTimeout = duration(request.idleTimeout(), defaults.idleTimeout(), "idle_timeout", errors);
        Duration startTimeout = duration(request.startTimeout(), defaults.startTimeout(), "start_timeout", errors);
        ContextAccess.check(request.acl(), errors);
        if (!errors.isEmpty()) {
            throw HearthException.invalidFields(null, "the context is not valid", errors);
        }
        return new EngineContext(
                request.name() == null ? "?" : request.name(),
                request.shareLevel() == null ? defaults.shareLevel() : request.shareLevel(),
                master,
                driverMemory,
                request.sparkConf(),
                jars,
                minIdle,
                maxEngines,
                idleTimeout,
                maxConcurrent,
                startTimeout);
    }

    /**
     * Impersonating, an engine has one identity, fixed when it starts: no SERVER level (and GROUP
     * only with group users), and no warm engines (they would start before their user is known).
     * Checked when a context is written; one stored before impersonation was turned on is refused
     * by the pool when used (share level) or keeps no warm engines (min_idle).
     */
    private void checkImpersonation(EngineContext context) {
        List<FieldError> errors = new ArrayList<>();
        impersonation
                .refusal(context.shareLevel())
                .ifPresent(reason -> errors.add(new FieldError("share_level", reason)));
        if (impersonation.enabled() && context.minIdle() > 0) {
            errors.add(new FieldError(
                    "min_idle",
                    "min_idle must be 0 with impersonation.enabled=true: a warm engine's identity is fixed"
                            + " before its user is known (engine.standby keeps engines ready without one)"));
        }
        if (!errors.isEmpty()) {
            throw HearthException.invalidFields(null, "the context is not valid", errors);
        }
    }

    private static Duration duration(String text, Duration fallback, String field, List<FieldError> errors) {
        if (text == null) {
            return fallback;
        }
        Optional<Duration> parsed = Durations.parse(text);
        if (parsed.isEmpty() || parsed.get().isZero()) {
            errors.add(new FieldError(field, field + " must be a duration such as 30s, 5m or 1h, got " + quoted(text)));
            return fallback;
        }
        return parsed.get();
    }

    private StoredContext visible(Principal principal, String name) {
        return contexts.find(name)
                .filter(stored -> ContextAccess.mayUse(principal, stored.acl()))
                .orElseThrow(() -> notFound(name));
    }

    private ContextInfo info(StoredContext stored) {
        return info(stored, resolve(stored.createdBy(), stored.spec()));
    }

    private ContextInfo defaultInfo() {
        return info(defaults, "configuration", null, null, null, List.of(), DEFAULT_ACL, List.of());
    }

    private static ContextInfo info(StoredContext stored, EngineContext context) {
        return info(
                context,
                "api",
                stored.createdBy(),
                stored.createdAt(),
                stored.updatedAt(),
                stored.spec().jars(),
                stored.acl(),
                inherited(stored.spec()));
    }

    /** The fields a definition leaves to the gateway's defaults, by their JSON names. */
    private static List<String> inherited(ContextRequest spec) {
        List<String> inherited = new ArrayList<>();
        addIfAbsent(inherited, "share_level", spec.shareLevel());
        addIfAbsent(inherited, "master", spec.master());
        addIfAbsent(inherited, "driver_memory", spec.driverMemory());
        addIfAbsent(inherited, "min_idle", spec.minIdle());
        addIfAbsent(inherited, "max_engines", spec.maxEngines());
        addIfAbsent(inherited, "idle_timeout", spec.idleTimeout());
        addIfAbsent(inherited, "max_concurrent_per_engine", spec.maxConcurrentPerEngine());
        addIfAbsent(inherited, "start_timeout", spec.startTimeout());
        return inherited;
    }

    private static void addIfAbsent(List<String> inherited, String field, Object value) {
        if (value == null) {
            inherited.add(field);
        }
    }

    /** A requested ACL with each absent list taken from {@code current}. */
    private static ContextAcl withDefaults(ContextAcl requested, ContextAcl current) {
        return new ContextAcl(
                requested.use() == null ? current.use() : requested.use(),
                requested.manage() == null ? current.manage() : requested.manage());
    }

    private static String describe(List<String> entries) {
        return entries.isEmpty() ? "nobody" : String.join(", ", entries);
    }

    private static ContextInfo info(
            EngineContext context,
            String source,
            String createdBy,
            Instant createdAt,
            Instant updatedAt,
            List<String> jarIds,
            ContextAcl acl,
            List<String> inherited) {
        return new ContextInfo(
                context.name(),
                context.shareLevel(),
                context.master(),
                context.driverMemory(),
                context.sparkConf(),
                jarIds,
                context.minIdle(),
                context.maxEngines(),
                Durations.format(context.idleTimeout()),
                context.maxConcurrentPerEngine(),
                Durations.format(context.startTimeout()),
                source,
                createdBy,
                createdAt,
                updatedAt,
                acl,
                inherited);
    }

    private static ContextRequest withName(ContextRequest request, String name) {
        return new ContextRequest(
                name,
                request.shareLevel(),
                request.master(),
                request.driverMemory(),
                request.sparkConf(),
                request.jars(),
                request.minIdle(),
                request.maxEngines(),
                request.idleTimeout(),
                request.maxConcurrentPerEngine(),
                request.startTimeout(),
                null);
    }

    private static void refuseDefault(String name, String what) {
        if (name.equals(EngineContext.DEFAULT)) {
            throw new HearthException(
                    ErrorCode.CONFLICT,
                    "context default is set in configuration (engine.*) and cannot be " + what + " here");
        }
    }

    private static HearthException notFound(String name) {
        return new HearthException(ErrorCode.NOT_FOUND, "context " + name + " does not exist");
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "\"" + text + "\"";
    }
}
