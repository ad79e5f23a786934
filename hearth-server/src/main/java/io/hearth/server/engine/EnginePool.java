package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.StatusRuntimeException;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.context.ShareLevel;
import io.hearth.api.engine.EngineInfo;
import io.hearth.api.engine.EngineState;
import io.hearth.api.engine.PoolStatus;
import io.hearth.api.event.EventType;
import io.hearth.api.event.ResourceKind;
import io.hearth.api.job.NamedObjectInfo;
import io.hearth.protocol.v1.ExecuteStatementRequest;
import io.hearth.protocol.v1.RegisterEngineRequest;
import io.hearth.server.auth.Principal;
import io.hearth.server.event.EventDraft;
import io.hearth.server.event.Outbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The engines this gateway runs, and their supervision: launch, registration, heartbeats, loss and
 * stop; and the pool over them. Work is placed by key ({@link EngineKey}: context, share level,
 * subject) on an engine of that key with room, else on a warm engine of the context (claimed for
 * the key), else on a new engine when the limits allow; otherwise it waits in an admission queue
 * served first-in first-out per user and round-robin across users. Each context keeps {@code
 * min-idle} warm engines; engines unused past the context's idle timeout stop.
 */
public final class EnginePool implements EngineSelector, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnginePool.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** After a warm engine failed to start, how long before the pool tries to refill again. */
    private static final Duration REFILL_BACKOFF = Duration.ofSeconds(30);
    /** How long after a warm engine is claimed its replacement starts. */
    private static final Duration REFILL_DELAY_AFTER_CLAIM = Duration.ofSeconds(1);

    static final int ENDED_ENGINES_KEPT = 20;

    private final EngineConfig config;
    private final PoolConfig poolConfig;
    private final ContextCatalog contexts;
    private final EngineRecoveryConfig recovery;
    private final ImpersonationConfig impersonation;
    private final EngineRepository repository;
    private final Outbox outbox;
    private final ExecutorService eventWriter;
    private final List<ManagedEngine> recovered;
    private final EngineLauncher launcher;
    private final Clock clock;
    private final EngineSecrets secrets = new EngineSecrets();
    private final Map<String, ManagedEngine> engines = new ConcurrentHashMap<>();
    private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService stopper;
    private final RegistrationServer registrationServer;
    private final String engineUser;
    private final EngineMetrics metrics;

    // guarded by this: the admission queue
    /** Waiting requests per user, users in round-robin order (the next to serve first). */
    private final LinkedHashMap<String, ArrayDeque<Waiter>> waiting = new LinkedHashMap<>();
    /** Admitted work not yet holding an engine, per user. */
    private final Map<String, Integer> admitted = new HashMap<>();

    private int admittedTotal;
    private final Map<String, Instant> refillPausedUntil = new HashMap<>();
    private boolean closed;

    private EnginePool(
            EngineConfig config,
            PoolConfig poolConfig,
            ContextCatalog contexts,
            EngineRecoveryConfig recovery,
            ImpersonationConfig impersonation,
            EngineRepository repository,
            EngineLauncher launcher,
            Outbox outbox,
            Clock clock,
            EngineMetrics metrics)
            throws IOException {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.impersonation = requireNonNull(impersonation, "impersonation is null");
        this.config = requireNonNull(config, "config is null");
        this.poolConfig = requireNonNull(poolConfig, "poolConfig is null");
        this.contexts = requireNonNull(contexts, "contexts is null");
        this.recovery = requireNonNull(recovery, "recovery is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.engineUser = System.getProperty("user.name", "hearth");
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "engine-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        // one thread keeps the events in order, and off the callers' threads: an engine that ends is
        // often seen on a gRPC thread about to be interrupted, and an interrupt in the middle of an
        // embedded H2 write closes the database
        this.eventWriter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "engine-events");
            thread.setDaemon(true);
            return thread;
        });
        this.stopper = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "engine-stopper");
            thread.setDaemon(true);
            return thread;
        });
        // engines of the previous gateway are known before they can call: they register again as soon as it listens
        this.recovered = EngineRecovery.adopt(repository, contexts, poolConfig.defaultContext(), clock);
        for (ManagedEngine engine : recovered) {
            engines.put(engine.id(), engine);
        }
        this.registrationServer = new RegistrationServer("127.0.0.1", recovery.registrationPort(), this);
    }

    /**
     * Opens the registration endpoint and starts supervising: starts each context's warm engines;
     * engines the store lists as live (a previous gateway's) are expected to register again within
     * {@code engine.recovery-timeout}. With impersonation on, no context keeps warm engines (they
     * would run as the gateway before their user is known); standby engines are bound as the user.
     */
    public static EnginePool start(
            EngineConfig config,
            PoolConfig poolConfig,
            ContextCatalog contexts,
            EngineRecoveryConfig recovery,
            ImpersonationConfig impersonation,
            EngineRepository repository,
            EngineLauncher launcher,
            Clock clock)
            throws IOException {
        return start(
                config,
                poolConfig,
                contexts,
                recovery,
                impersonation,
                repository,
                launcher,
                Outbox.NONE,
                clock,
                new EngineMetrics(new SimpleMeterRegistry()));
    }

    /** Starts the pool (see above), writing each engine's STARTED, STOPPED, FAILED and LOST events to the outbox. */
    public static EnginePool start(
            EngineConfig config,
            PoolConfig poolConfig,
            ContextCatalog contexts,
            EngineRecoveryConfig recovery,
            ImpersonationConfig impersonation,
            EngineRepository repository,
            EngineLauncher launcher,
            Outbox outbox,
            Clock clock,
            EngineMetrics metrics)
            throws IOException {
        EnginePool pool = new EnginePool(
                config, poolConfig, contexts, recovery, impersonation, repository, launcher, outbox, clock, metrics);
        if (impersonation.enabled() && poolConfig.defaultContext().minIdle() > 0) {
            log.warn(
                    "engine.min-idle / engine.prestart ({} warm engines) are ignored with impersonation.enabled=true:"
                            + " a warm engine's identity is fixed when it starts, before its user is known."
                            + " engine.standby keeps engines started without a SparkContext instead; they are bound"
                            + " as their user",
                    poolConfig.defaultContext().minIdle());
        }
        if (impersonation.enabled()) {
            pool.checkMayImpersonate();
        }
        long interval = config.heartbeatInterval().toMillis();
        pool.scheduler.scheduleWithFixedDelay(pool::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        pool.scheduler.scheduleWithFixedDelay(pool::maintain, 0, Math.min(interval, 1000), TimeUnit.MILLISECONDS);
        for (ManagedEngine engine : pool.recovered) {
            pool.scheduler.schedule(
                    () -> pool.giveUpRecovering(engine),
                    recovery.recoveryTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return pool;
    }

    /** Says at start-up whether the gateway's user looks allowed to impersonate (see {@link ProxyUserCheck}). */
    private void checkMayImpersonate() {
        String user = ProxyUserCheck.gatewayUser(System.getenv(), engineUser);
        List<String> problems = ProxyUserCheck.problems(user, impersonation.hadoopConfDirectory(), config.sparkConf());
        if (problems.isEmpty()) {
            log.info(
                    "Impersonation is on: engines run as the user they serve (--proxy-user), launched as {}, whose"
                            + " hadoop.proxyuser.{}.* settings are present",
                    user,
                    user);
        } else {
            problems.forEach(problem -> log.warn("Impersonation is on, but {}", problem));
        }
    }

    /**
     * Calls {@code listener} with an engine's id when it ends (stopped, lost or failed), on the
     * thread that ended it; engines stay ended, so it is called once per engine.
     */
    public void onEngineEnded(Consumer<String> listener) {
        endListeners.add(requireNonNull(listener, "listener is null"));
    }

    @Override
    public Admission admit(Principal principal) {
        requireNonNull(principal, "principal is null");
        String user = principal.name();
        synchronized (this) {
            int mine = admitted.getOrDefault(user, 0);
            if (admittedTotal >= poolConfig.queueMaxSize()) {
                throw HearthException.tooManyRequests(
                        "the admission queue is full: " + admittedTotal + " requests are waiting for an engine"
                                + " (engine.queue.max-size)",
                        poolConfig.retryAfter());
            }
            if (mine >= poolConfig.queueMaxPerUser()) {
                throw HearthException.tooManyRequests(
                        "you have " + mine + " requests waiting for an engine (engine.queue.max-per-user)",
                        poolConfig.retryAfter());
            }
            admitted.put(user, mine + 1);
            admittedTotal++;
        }
        AtomicBoolean released = new AtomicBoolean();
        long admittedAt = System.nanoTime();
        return () -> {
            if (released.compareAndSet(false, true)) {
                metrics.admissionWaited(System.nanoTime() - admittedAt);
                synchronized (this) {
                    admitted.computeIfPresent(user, (name, count) -> count <= 1 ? null : count - 1);
                    admittedTotal--;
                }
            }
        };
    }

    @Override
    public EngineLease acquireEngine(String engineId) {
        requireNonNull(engineId, "engineId is null");
        ManagedEngine engine = engines.get(engineId);
        if (engine == null) {
            throw new HearthException(ErrorCode.ENGINE_LOST, "engine " + engineId + " is gone");
        }
        if (recovered.contains(engine)) {
            EngineRecovery.awaitRegistration(engine, recovery.recoveryTimeout());
        }
        synchronized (engine) {
            EngineState state = engine.state();
            if (state != EngineState.IDLE && state != EngineState.BUSY) {
                String why = engine.info().error();
                throw new HearthException(
                        ErrorCode.ENGINE_LOST, "engine " + engineId + " is " + state + (why == null ? "" : ": " + why));
            }
            return lease(engine);
        }
    }

    @Override
    public EngineLease acquire(EngineRequest request) throws InterruptedException {
        requireNonNull(request, "request is null");
        // the context's ACL was checked where the work was accepted (checkContext): a queued
        // statement runs later, for an owner whose groups are not stored with it
        EngineContext context = contexts.find(request.contextName())
                .orElseThrow(() -> HearthException.aboutField(
                        ErrorCode.NOT_FOUND, "context " + request.contextName() + " does not exist", "context"));
        Waiter waiter = new Waiter(
                EngineKey.of(context, request, impersonation),
                context,
                request.principal().name());
        synchronized (this) {
            if (closed) {
                throw new HearthException(ErrorCode.ENGINE_UNAVAILABLE, "the gateway is stopping");
            }
            waiting.computeIfAbsent(waiter.user, user -> new ArrayDeque<>()).addLast(waiter);
            dispatch();
        }
        try {
            try {
                return waiter.lease.get(context.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                boolean stillWaiting;
                synchronized (this) {
                    stillWaiting = withdraw(waiter);
                }
                if (!stillWaiting) {
                    return waiter.lease.get(); // served or failed just as the wait ended
                }
                if (waiter.overUserQuota) {
                    throw HearthException.quotaExceeded(
                            "no engine of context " + context.name() + " became available within "
                                    + context.startTimeout().toSeconds() + "s: " + waiter.blockedBy,
                            poolConfig.retryAfter());
                }
                throw new HearthException(
                        ErrorCode.ENGINE_UNAVAILABLE,
                        "no engine of context " + context.name() + " became available within "
                                + context.startTimeout().toSeconds() + "s: " + waiter.blockedBy);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HearthException hearth) {
                throw new HearthException(hearth.errorCode(), hearth.getMessage(), hearth);
            }
            throw new HearthException(
                    ErrorCode.ENGINE_START_FAILED, e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            synchronized (this) {
                withdraw(waiter);
            }
            waiter.lease.thenAccept(EngineLease::close);
            throw e;
        }
    }

    @Override
    public String checkContext(Principal principal, String name) {
        String checked = name == null ? EngineContext.DEFAULT : name;
        EngineContext context = contexts.find(principal, checked)
                .orElseThrow(() -> HearthException.invalidField("context", "context " + checked + " does not exist"));
        // impersonating, a GROUP-level context serves only groups with a Hadoop user: refused before anything is stored
        EngineKey.of(context, new EngineRequest(principal, Optional.of(checked), "check"), impersonation);
        return checked;
    }

    @Override
    public void sessionClosed(String engineId) {
        ManagedEngine engine = engines.get(engineId);
        if (engine != null) {
            engine.sessionClosed();
            released(engine);
        }
    }

    /** Work admitted and not yet holding an engine (or given up), over all users. */
    public synchronized int admittedCount() {
        return admittedTotal;
    }

    /** Requests waiting for an engine now, over all users. */
    public synchronized int queueLength() {
        return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /**
     * The pool's counts over all users: the admission queue, the limits and the engines by state. It
     * names no one's work, so any signed-in user may read it (as {@code /metrics} shows the same).
     */
    public PoolStatus status() {
        Map<EngineState, Integer> byState = new HashMap<>();
        for (ManagedEngine engine : engines.values()) {
            byState.merge(engine.state(), 1, Integer::sum);
        }
        int queued;
        int admittedNow;
        synchronized (this) {
            queued = waiting.values().stream().mapToInt(ArrayDeque::size).sum();
            admittedNow = admittedTotal;
        }
        return new PoolStatus(
                queued, admittedNow, poolConfig.queueMaxSize(), poolConfig.maxTotal(), byState, clock.instant());
    }

    private EngineLease lease(ManagedEngine engine) {
        return new EngineLease(engine, () -> released(engine));
    }

    /** A lease or session ended on the engine: an exclusive engine may go, a waiter may get its place. */
    private void released(ManagedEngine engine) {
        EngineKey key = engine.key();
        if (key != null && key.shareLevel() == ShareLevel.CONNECTION && engine.isUnused() && engine.isUsable()) {
            stopLater(engine, "its session or work ended (share level CONNECTION)");
        }
        synchronized (this) {
            dispatch();
        }
    }

    /** Removes a waiter still in the queue; false when it was served (or failed) already. */
    private boolean withdraw(Waiter waiter) {
        ArrayDeque<Waiter> queue = waiting.get(waiter.user);
        boolean removed = queue != null && queue.remove(waiter);
        if (queue != null && queue.isEmpty()) {
            waiting.remove(waiter.user);
        }
        return removed && !waiter.lease.isDone();
    }

    /**
     * Serves the queue: the head of each user's queue in turn, round-robin, until no head can be
     * served. A user served goes to the back of the rotation.
     */
    private void dispatch() {
        boolean progress = true;
        while (progress && !closed) {
            progress = false;
            for (String user : new ArrayList<>(waiting.keySet())) {
                ArrayDeque<Waiter> queue = waiting.get(user);
                Waiter head = queue.peekFirst();
                if (head.lease.isDone() || tryServe(head)) {
                    queue.pollFirst();
                    waiting.remove(user);
                    if (!queue.isEmpty()) {
                        waiting.put(user, queue); // to the back of the rotation
                    }
                    progress = true;
                    break; // restart from the front of the rotation
                }
            }
        }
    }

    /** Places the waiter, or starts what it needs and leaves it waiting (saying why in blockedBy). */
    private boolean tryServe(Waiter waiter) {
        EngineKey key = waiter.key;
        ManagedEngine best = null;
        boolean starting = false;
        for (ManagedEngine engine : engines.values()) {
            if (!key.equals(engine.key())) {
                continue;
            }
            if (engine.hasCapacity() && (best == null || engine.running() < best.running())) {
                best = engine;
            } else if (engine.state() == EngineState.STARTING) {
                starting = true;
            }
        }
        if (best == null && !starting) {
            ManagedEngine warm = claimWarm(waiter);
            if (warm != null && warm.hasCapacity()) {
                best = warm;
            } else if (warm != null) {
                starting = true;
            } else if (bindStandby(waiter)) {
                starting = true;
            }
        }
        if (best != null) {
            synchronized (best) {
                if (best.hasCapacity()) {
                    waiter.lease.complete(lease(best));
                    return true;
                }
            }
        }
        if (starting) {
            waiter.blockedBy = "waiting for an engine of " + key + " to start";
            waiter.overUserQuota = false;
            return false;
        }
        String limit = launchLimit(waiter.context, waiter.user, key.shareLevel());
        if (limit != null && evictIdle()) {
            waiter.blockedBy = "waiting for an idle engine to stop to make room (" + limit + ")";
            waiter.overUserQuota = false;
            return false;
        }
        if (limit != null) {
            waiter.blockedBy = limit;
            waiter.overUserQuota = atUserLimit(waiter.user, key.shareLevel());
            return false;
        }
        launchEngine(waiter.context, key, waiter.user);
        waiter.blockedBy = "waiting for a new engine of " + key + " to start";
        waiter.overUserQuota = false;
        return false;
    }

    /** A warm (unassigned) engine of the waiter's context, assigned to its key now; or null. */
    private ManagedEngine claimWarm(Waiter waiter) {
        if (waiter.key.proxyUser().isPresent()) {
            return null; // a warm engine runs as the gateway's user: never someone's
        }
        ManagedEngine chosen = null;
        for (ManagedEngine engine : engines.values()) {
            if (engine.key() == null
                    && !engine.isStandby()
                    && engine.isUsable()
                    && engine.state() != EngineState.STOPPING
                    && engine.context().launchesLike(waiter.context)
                    && (chosen == null
                            || (engine.state() != EngineState.STARTING && chosen.state() == EngineState.STARTING))) {
                chosen = engine;
            }
        }
        if (chosen != null) {
            String user = countsAgainstUser(waiter.key.shareLevel()) ? waiter.user : null;
            chosen.assign(waiter.key, user);
            EngineRecovery.recordAssignment(repository, chosen);
            log.info("Warm engine {} now serves {}", chosen.id(), waiter.key);
            // refilled by maintain, a moment later: a JVM starting takes the CPU the claimed engine's
            // first statement needs (on 2 cores it doubled that statement's time in the pool bench)
            pauseRefill(waiter.context.name(), REFILL_DELAY_AFTER_CLAIM);
        }
        return chosen;
    }

    /**
     * Takes a registered standby engine for the waiter's key, when its launch fits the context (same
     * driver memory, no extra jars: a JVM's heap and class path are fixed at launch), and binds it
     * in the background; true when one was taken.
     */
    private boolean bindStandby(Waiter waiter) {
        EngineContext context = waiter.context;
        if (!context.jars().isEmpty()) {
            return false;
        }
        for (ManagedEngine engine : engines.values()) {
            if (engine.isStandby()
                    && engine.state() == EngineState.IDLE
                    && engine.context().driverMemory().equals(context.driverMemory())) {
                String user = countsAgainstUser(waiter.key.shareLevel()) ? waiter.user : null;
                if (engine.beginBinding(context, waiter.key, user)) {
                    log.info("Binding standby engine {} to {}", engine.id(), waiter.key);
                    EngineRecovery.recordAssignment(repository, engine);
                    stopper.execute(() -> bind(engine, context));
                    return true;
                }
            }
        }
        return false;
    }

    /** Builds a standby engine's SparkContext with the context's conf; a refused conf ends it. */
    private void bind(ManagedEngine engine, EngineContext context) {
        EngineLaunch.Spec spec = launchSpec(context);
        Map<String, String> conf = new TreeMap<>(spec.sparkConf());
        conf.put("spark.master", spec.master());
        conf.put("spark.app.name", "hearth-engine-" + engine.id());
        try {
            EngineConnection.BoundEngine bound =
                    engine.connection().bind(conf, engine.key().proxyUser(), context.startTimeout());
            if (engine.bound(bound.sparkUiUrl())) {
                log.info("Standby engine {} is bound to {}", engine.id(), engine.key());
            }
        } catch (StatusRuntimeException e) {
            String reason = "standby engine " + engine.id() + " could not bind to context " + context.name() + ": "
                    + (e.getStatus().getDescription() == null
                            ? e.getStatus().getCode()
                            : e.getStatus().getDescription());
            if (end(engine, EngineState.FAILED, reason)) {
                log.warn(reason);
                kill(engine);
            }
        }
        synchronized (this) {
            dispatch();
        }
    }

    /** No refill of the context's warm engines (or of standby engines) before {@code delay} from now. */
    private void pauseRefill(String what, Duration delay) {
        Instant until = clock.instant().plus(delay);
        refillPausedUntil.merge(what, until, (current, next) -> current.isAfter(next) ? current : next);
    }

    private static boolean countsAgainstUser(ShareLevel level) {
        return level == ShareLevel.USER || level == ShareLevel.CONNECTION;
    }

    /** Whether the user holds as many engines of their own as their quota allows. */
    private boolean atUserLimit(String user, ShareLevel level) {
        if (!countsAgainstUser(level)) {
            return false;
        }
        long mine = engines.values().stream()
                .filter(engine -> engine.isUsable() && user.equals(engine.assignedUser()))
                .count();
        return mine >= poolConfig.maxPerUser(user);
    }

    /** Which limit stops a new engine for this context and user, or null when one may start. */
    private String launchLimit(EngineContext context, String user, ShareLevel level) {
        int total = 0;
        int inContext = 0;
        int mine = 0;
        for (ManagedEngine engine : engines.values()) {
            if (!engine.isUsable()) {
                continue;
            }
            total++;
            if (engine.context().name().equals(context.name())) {
                inContext++;
            }
            if (user.equals(engine.assignedUser())) {
                mine++;
            }
        }
        if (total >= poolConfig.maxTotal()) {
            return "all " + poolConfig.maxTotal() + " engines (engine.max-total) are in use";
        }
        if (inContext >= context.maxEngines()) {
            return "context " + context.name() + " runs its max-engines (" + context.maxEngines() + ")";
        }
        if (countsAgainstUser(level) && mine >= poolConfig.maxPerUser(user)) {
            return "user " + user + " holds " + mine + " engines, their quota (engine.max-per-user, or" + " quota.user."
                    + user + ".max-engines)";
        }
        return null;
    }

    /**
     * At a limit, an engine doing nothing for anyone (a warm one, or an assigned one without work or
     * sessions) is stopped so waiting work can have its place; true when one was.
     */
    private boolean evictIdle() {
        ManagedEngine victim = null;
        for (ManagedEngine engine : engines.values()) {
            EngineState state = engine.state();
            if ((state == EngineState.IDLE)
                    && engine.isUnused()
                    && (victim == null || engine.lastUsedAt().isBefore(victim.lastUsedAt()))) {
                victim = engine;
            }
        }
        if (victim == null) {
            return false;
        }
        stopLater(victim, "stopped to make room for waiting work");
        return true;
    }

    /**
     * Engines a previous gateway launched that this one expects back (see {@link EngineRecovery}):
     * their sessions stay open and their running work is re-attached once they register.
     */
    public java.util.Set<String> recoveringEngineIds() {
        return recovered.stream()
                .filter(engine -> !engine.state().isTerminal())
                .map(ManagedEngine::id)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Every engine this gateway launched that has not been forgotten, newest first. */
    public List<EngineInfo> list() {
        return engines.values().stream()
                .map(ManagedEngine::info)
                .sorted(Comparator.comparing(EngineInfo::startedAt).reversed())
                .toList();
    }

    public Optional<EngineInfo> find(String engineId) {
        return Optional.ofNullable(engines.get(engineId)).map(ManagedEngine::info);
    }

    /** The engines the principal sees (see {@link EngineAccess}), newest first. */
    public List<EngineInfo> list(Principal principal) {
        return engines.values().stream()
                .filter(engine -> EngineAccess.maySee(principal, engine))
                .map(ManagedEngine::info)
                .sorted(Comparator.comparing(EngineInfo::startedAt).reversed())
                .toList();
    }

    /**
     * An engine the principal sees.
     *
     * @throws HearthException NOT_FOUND when there is none or the principal may not see it (the same
     *     answer, so engine ids cannot be probed)
     */
    public EngineInfo find(Principal principal, String engineId) {
        return visible(principal, engineId).info();
    }

    /**
     * Stops an engine the principal may manage (see {@link EngineAccess}): asks it to stop, then
     * ends its process; its running statements fail.
     *
     * @throws HearthException NOT_FOUND as {@link #find(Principal, String)}; PERMISSION_DENIED for
     *     an engine the principal sees but shares with others
     */
    public EngineInfo stop(Principal principal, String engineId) {
        ManagedEngine engine = managed(principal, engineId, "stop");
        stopEngine(engine, "engine " + engineId + " was stopped by request of " + principal.name());
        return engine.info();
    }

    /** The named objects on an engine the principal sees (see {@link #listObjects(String)}). */
    public List<NamedObjectInfo> listObjects(Principal principal, String engineId) {
        return listObjects(visible(principal, engineId).id()).orElseThrow(() -> engineNotFound(engineId));
    }

    /** The last lines of the output of an engine the principal may manage (it shows every user's work on it). */
    public List<String> tailLog(Principal principal, String engineId, int lines) {
        return LogTail.lastLines(managed(principal, engineId, "read the log of").logFile(), lines);
    }

    private ManagedEngine visible(Principal principal, String engineId) {
        requireNonNull(principal, "principal is null");
        ManagedEngine engine = engines.get(engineId);
        if (engine == null || !EngineAccess.maySee(principal, engine)) {
            throw engineNotFound(engineId);
        }
        return engine;
    }

    private ManagedEngine managed(Principal principal, String engineId, String action) {
        ManagedEngine engine = visible(principal, engineId);
        if (!EngineAccess.mayManage(principal, engine)) {
            throw new HearthException(
                    ErrorCode.PERMISSION_DENIED,
                    "engine " + engineId + " is shared (" + engine.key() + "); only an admin may " + action + " it");
        }
        return engine;
    }

    private static HearthException engineNotFound(String engineId) {
        return new HearthException(ErrorCode.NOT_FOUND, "engine " + engineId + " does not exist");
    }

    /**
     * The named objects jobs kept on an engine; none once it has ended (they went with it), empty
     * when there is no such engine.
     */
    public Optional<List<NamedObjectInfo>> listObjects(String engineId) {
        ManagedEngine engine = engines.get(engineId);
        if (engine == null) {
            return Optional.empty();
        }
        EngineConnection connection = engine.connection();
        if (connection == null || !engine.isUsable()) {
            return Optional.of(List.of());
        }
        try {
            return Optional.of(connection.listObjects().getObjectsList().stream()
                    .map(object -> new NamedObjectInfo(
                            object.getName(),
                            object.getKind(),
                            object.getType(),
                            Instant.ofEpochMilli(object.getCreatedAtEpochMillis()),
                            object.getCreatedBy()))
                    .toList());
        } catch (StatusRuntimeException e) {
            throw new HearthException(
                    ErrorCode.ENGINE_UNAVAILABLE,
                    "engine " + engineId + " did not list its objects: "
                            + e.getStatus().getCode());
        }
    }

    /**
     * Launches an engine of the context: for the key (assigned at once, counted against {@code
     * user} at USER and CONNECTION level), or warm (key null) to be claimed later.
     */
    private ManagedEngine launchEngine(EngineContext context, EngineKey key, String user) {
        return launchEngine(context, key, user, false);
    }

    /** A standby engine: a JVM that warmed up without a SparkContext, bound to a context on demand. */
    private ManagedEngine launchStandby() {
        return launchEngine(poolConfig.defaultContext(), null, null, true);
    }

    private ManagedEngine launchEngine(EngineContext context, EngineKey key, String user, boolean standby) {
        String id = "engine-" + UUID.randomUUID().toString().substring(0, 8);
        ManagedEngine engine = new ManagedEngine(
                id,
                secrets.newSecret(),
                context,
                key,
                key != null && countsAgainstUser(key.shareLevel()) ? user : null,
                engineUser,
                config.logDirectory().resolve(id + ".log"),
                clock);
        if (standby) {
            engine.markStandby();
        }
        forgetOldEndedEngines();
        engines.put(id, engine);
        log.info(
                "Launching engine {} for {}",
                id,
                standby ? "standby" : key == null ? "context " + context.name() + " (warm)" : key);
        EngineRecovery.recordLaunch(repository, engine);
        try {
            EngineProcess process = launcher.launch(new EngineLaunch(
                    id,
                    engine.secret(),
                    registrationServer.address(),
                    engine.logFile(),
                    launchSpec(context),
                    standby,
                    key == null ? Optional.empty() : key.proxyUser()));
            engine.launched(process);
            process.onExit().thenAccept(code -> exited(engine, code));
        } catch (IOException | RuntimeException e) {
            log.error("Launching engine {} failed", id, e);
            end(engine, EngineState.FAILED, "could not launch the engine: " + e.getMessage());
        }
        return engine;
    }

    /**
     * What the engine JVM is started with: {@code engine.conf.*} under the context's conf; shared
     * engines schedule FAIR so each user's pool gets its share (a context may say otherwise).
     */
    private EngineLaunch.Spec launchSpec(EngineContext context) {
        Map<String, String> conf = new TreeMap<>(config.sparkConf());
        conf.putIfAbsent("spark.scheduler.mode", "FAIR");
        conf.putAll(context.sparkConf());
        return new EngineLaunch.Spec(context.master(), context.driverMemory(), conf, context.jars());
    }

    /**
     * Keeps the pool in shape, about once a second: stops engines idle past their context's idle
     * timeout, keeps each context's warm engines at min-idle (fresh ones, of its current conf), and
     * serves the queue.
     */
    private void maintain() {
        try {
            List<EngineContext> all = contexts.all();
            Map<String, EngineContext> byName = new HashMap<>();
            all.forEach(context -> byName.put(context.name(), context));
            synchronized (this) {
                if (closed) {
                    return;
                }
                Instant now = clock.instant();
                Map<String, List<ManagedEngine>> warm = new HashMap<>();
                int standbys = 0;
                for (ManagedEngine engine : engines.values()) {
                    EngineContext current = byName.get(engine.context().name());
                    if (!engine.isUsable() || engine.state() == EngineState.STOPPING) {
                        continue;
                    }
                    if (engine.isStandby()) {
                        standbys++;
                        continue;
                    }
                    if (engine.key() == null) {
                        if (current == null || !engine.context().launchesLike(current)) {
                            stopLater(engine, "its context was changed or deleted");
                        } else {
                            warm.computeIfAbsent(current.name(), name -> new ArrayList<>())
                                    .add(engine);
                        }
                        continue;
                    }
                    Duration idleTimeout = (current == null ? engine.context() : current).idleTimeout();
                    if (engine.state() == EngineState.IDLE
                            && engine.isUnused()
                            && !engine.lastUsedAt().plus(idleTimeout).isAfter(now)) {
                        stopLater(engine, "idle for " + idleTimeout.toSeconds() + "s");
                    }
                }
                boolean queued = !waiting.isEmpty();
                for (EngineContext context : all) {
                    List<ManagedEngine> ready = warm.getOrDefault(context.name(), List.of());
                    int keep = impersonation.enabled() ? 0 : context.minIdle();
                    for (int extra = ready.size() - keep; extra > 0; extra--) {
                        stopLater(ready.get(ready.size() - extra), "more warm engines than min-idle");
                    }
                    Instant paused = refillPausedUntil.get(context.name());
                    if (queued || (paused != null && paused.isAfter(now)) || impersonation.enabled()) {
                        // waiting work comes first; a failing context is not relaunched in a loop; and
                        // impersonating, a warm engine could serve no one (it runs as the gateway)
                        continue;
                    }
                    for (int missing = context.minIdle() - ready.size(); missing > 0; missing--) {
                        if (launchLimit(context, "", ShareLevel.SERVER) != null) {
                            break;
                        }
                        launchEngine(context, null, null);
                    }
                }
                Instant standbyPaused = refillPausedUntil.get(ManagedEngine.STANDBY_KEY);
                if (!queued && (standbyPaused == null || !standbyPaused.isAfter(now))) {
                    for (int missing = poolConfig.standbyEngines() - standbys; missing > 0; missing--) {
                        if (launchLimit(poolConfig.defaultContext(), "", ShareLevel.SERVER) != null) {
                            break;
                        }
                        launchStandby();
                    }
                }
                dispatch();
            }
        } catch (RuntimeException e) {
            log.warn("Keeping the engine pool failed; trying again shortly", e);
        }
    }

    /** Begins stopping now (it takes no more work), finishes in the background. */
    private void stopLater(ManagedEngine engine, String reason) {
        if (engine.beginStopping("engine " + engine.id() + " stopped: " + reason)) {
            log.info("Stopping engine {}: {}", engine.id(), reason);
            stopper.execute(() -> finishStopping(engine));
        }
    }

    /** After an engine ended: waiters for an engine that failed to start fail with its reason; the queue moves. */
    private void afterEnd(ManagedEngine engine, EngineState finalState, String reason) {
        synchronized (this) {
            EngineKey key = engine.key();
            if (finalState == EngineState.FAILED) {
                if (key == null) {
                    refillPausedUntil.put(
                            engine.context().name(), clock.instant().plus(REFILL_BACKOFF));
                } else {
                    HearthException failure = new HearthException(ErrorCode.ENGINE_START_FAILED, reason);
                    for (ArrayDeque<Waiter> queue : waiting.values()) {
                        for (Waiter waiter : queue) {
                            if (key.equals(waiter.key)) {
                                waiter.lease.completeExceptionally(failure);
                            }
                        }
                    }
                }
            }
            dispatch();
        }
    }

    /** Ended engines stay listed (with why they ended) until more than a few have piled up. */
    private void forgetOldEndedEngines() {
        List<EngineInfo> ended = engines.values().stream()
                .map(ManagedEngine::info)
                .filter(info -> info.state().isTerminal())
                .sorted(Comparator.comparing(EngineInfo::startedAt).reversed())
                .toList();
        ended.stream().skip(ENDED_ENGINES_KEPT).forEach(info -> engines.remove(info.engineId()));
    }

    boolean isSecretOf(String engineId, String secret) {
        ManagedEngine engine = engines.get(engineId);
        return engine != null && EngineSecrets.matches(engine.secret(), secret);
    }

    boolean registered(RegisterEngineRequest request) {
        ManagedEngine engine = engines.get(request.getEngineId());
        if (engine == null) {
            return false;
        }
        MDC.put("engine_id", engine.id());
        try {
            return registered(engine, request);
        } finally {
            MDC.remove("engine_id");
        }
    }

    private boolean registered(ManagedEngine engine, RegisterEngineRequest request) {
        EngineConnection connection =
                new EngineConnection(engine.id(), request.getHost(), request.getPort(), engine.secret());
        if (!engine.registered(connection, request.getPid(), request.getSparkUiUrl())) {
            connection.close();
            return false;
        }
        if (engine.connection() != connection) {
            connection.close(); // registered again while registered: nothing changes
            return true;
        }
        EngineRecovery.recordRegistration(repository, engine, request);
        if (!recovered.contains(engine)) {
            // an adopted engine was launched by the previous gateway: its start is not this one's to time
            metrics.engineStarted(
                    Duration.between(engine.startedAt(), clock.instant()), EngineMetrics.StartOutcome.REGISTERED);
        }
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("share_key", engine.shareKey());
        ready.put("spark_ui_url", request.getSparkUiUrl().isEmpty() ? null : request.getSparkUiUrl());
        publishEvent(engine, EventType.STARTED, ready);
        log.info(
                "Engine {} is ready at {}:{} (pid {}, Spark {})",
                engine.id(),
                request.getHost(),
                request.getPort(),
                request.getPid(),
                request.getSparkVersion());
        if (engine.key() == null && !engine.isStandby()) {
            stopper.execute(() -> warmUpThroughTheStatementPath(engine));
        }
        scheduler.execute(() -> {
            synchronized (this) {
                dispatch();
            }
        });
        return true;
    }

    /**
     * A warm engine runs one statement over the protocol before anyone claims it: the engine's own
     * warm-up runs Spark but not its gRPC statement path, and the first statement through that path
     * paid hundreds of milliseconds (class loading, JIT) that a claim should not. Off the critical
     * path; a claim meanwhile simply runs beside it.
     */
    private void warmUpThroughTheStatementPath(ManagedEngine engine) {
        long started = System.nanoTime();
        try (EngineLease lease = lease(engine)) {
            lease.connection()
                    .execute(ExecuteStatementRequest.newBuilder()
                            .setStatementId("warm-up-" + engine.id())
                            .setSql("select 1 as warm")
                            .setUser(engineUser)
                            .build())
                    .forEachRemaining(event -> {});
            lease.connection().release("warm-up-" + engine.id()); // nothing will re-attach to it
            log.info(
                    "Warm engine {} ran its first statement in {} ms",
                    engine.id(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.info("Warm engine {} could not run its warm-up statement: {}", engine.id(), e.toString());
        }
    }

    void startupFailed(String engineId, String message) {
        ManagedEngine engine = engines.get(engineId);
        if (engine != null) {
            failStart(engine, "engine failed to start: " + message);
        }
    }

    private void failStart(ManagedEngine engine, String reason) {
        if (end(engine, EngineState.FAILED, reason)) {
            log.error("Engine {} failed to start: {}", engine.id(), reason);
            kill(engine);
        }
    }

    private void exited(ManagedEngine engine, int code) {
        EngineState state = engine.state();
        if (state == EngineState.STARTING) {
            List<String> tail = LogTail.lastLines(engine.logFile(), 20);
            String reason = "engine exited with code " + code + " before it was ready; its last output:\n"
                    + String.join("\n", tail);
            if (engine.connection() != null && !scheduler.isShutdown()) {
                // a standby engine exits after refusing a bind: the bind's answer (Spark's reason) may be
                // a moment behind its exit and says more, so it gets a moment to end the engine first
                scheduler.schedule(() -> end(engine, EngineState.FAILED, reason), 2, TimeUnit.SECONDS);
            } else {
                end(engine, EngineState.FAILED, reason);
            }
        } else if (state == EngineState.STOPPING) {
            end(engine, EngineState.STOPPED, engine.stopReason());
        } else if (end(engine, EngineState.LOST, "engine " + engine.id() + " exited unexpectedly with code " + code)) {
            log.warn("Engine {} exited unexpectedly with code {}", engine.id(), code);
        }
    }

    private void heartbeat() {
        for (ManagedEngine engine : engines.values()) {
            EngineConnection connection = engine.connection();
            EngineState state = engine.state();
            if (connection == null || (state != EngineState.IDLE && state != EngineState.BUSY)) {
                continue;
            }
            try {
                connection.ping(config.heartbeatInterval());
                engine.heartbeatAnswered();
            } catch (RuntimeException e) {
                int missed = engine.heartbeatMissed();
                if (missed >= config.heartbeatMisses()
                        && end(
                                engine,
                                EngineState.LOST,
                                "engine " + engine.id() + " missed " + missed + " heartbeats")) {
                    log.warn("Engine {} missed {} heartbeats and is considered lost", engine.id(), missed);
                    kill(engine);
                }
            }
        }
    }

    private void stopEngine(ManagedEngine engine, String reason) {
        if (engine.beginStopping(reason)) {
            log.info("Stopping engine {}", engine.id());
            finishStopping(engine);
        }
    }

    /** Asks an engine marked STOPPING to shut down, waits a grace period, then ends its process. */
    private void finishStopping(ManagedEngine engine) {
        EngineConnection connection = engine.connection();
        if (connection != null) {
            try {
                connection.shutdownEngine(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.warn("Engine {} did not answer the shutdown request: {}", engine.id(), e.getMessage());
            }
        }
        EngineProcess process = engine.process();
        if (process != null) {
            try {
                process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.kill();
            } catch (InterruptedException e) {
                process.kill();
                Thread.currentThread().interrupt();
            }
        }
        end(engine, EngineState.STOPPED, engine.stopReason());
    }

    /** Ends an engine (see {@link ManagedEngine#end}) and tells the listeners when it ended now. */
    private boolean end(ManagedEngine engine, EngineState finalState, String reason) {
        boolean starting = engine.state() == EngineState.STARTING;
        if (!engine.end(finalState, reason)) {
            return false;
        }
        if (starting && !recovered.contains(engine)) {
            metrics.engineStarted(
                    Duration.between(engine.startedAt(), clock.instant()), EngineMetrics.StartOutcome.FAILED);
        }
        EngineRecovery.recordEnd(repository, engine, finalState, reason, clock.instant());
        Map<String, Object> ended = new LinkedHashMap<>();
        ended.put("state", finalState.name());
        ended.put("reason", reason);
        publishEvent(
                engine,
                switch (finalState) {
                    case STOPPED -> EventType.STOPPED;
                    case FAILED -> EventType.FAILED;
                    // LOST, and a non-final state that end() never receives
                    case LOST, STARTING, IDLE, BUSY, STOPPING -> EventType.LOST;
                },
                ended);
        for (Consumer<String> listener : endListeners) {
            try {
                listener.accept(engine.id());
            } catch (RuntimeException e) {
                log.warn("A listener failed on the end of engine {}", engine.id(), e);
            }
        }
        if (!scheduler.isShutdown()) {
            scheduler.execute(() -> afterEnd(engine, finalState, reason));
        }
        return true;
    }

    private static void kill(ManagedEngine engine) {
        EngineProcess process = engine.process();
        if (process != null) {
            process.kill();
        } else {
            EngineRecovery.killOrphan(engine); // a previous gateway's: no process handle, only its pid
        }
    }

    /** A previous gateway's engine that did not register again in time is LOST, and its process stopped. */
    private void giveUpRecovering(ManagedEngine engine) {
        if (engine.state() != EngineState.STARTING) {
            return;
        }
        String reason = "engine " + engine.id() + " did not register again within "
                + recovery.recoveryTimeout().toSeconds() + "s after the gateway restarted";
        if (end(engine, EngineState.LOST, reason)) {
            log.warn("{}: it is lost", reason);
            kill(engine);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            HearthException stopping = new HearthException(ErrorCode.ENGINE_UNAVAILABLE, "the gateway is stopping");
            waiting.values().forEach(queue -> queue.forEach(waiter -> waiter.lease.completeExceptionally(stopping)));
            waiting.clear();
        }
        scheduler.shutdownNow();
        if (recovery.stopOnShutdown()) {
            List<CompletableFuture<Void>> stops = engines.values().stream()
                    .map(engine -> CompletableFuture.runAsync(() -> stopEngine(engine, "the gateway stopped"), stopper))
                    .toList();
            stops.forEach(CompletableFuture::join);
        } else {
            // engine.stop-on-shutdown=false: they keep running their work for the next gateway
            List<String> left = engines.values().stream()
                    .filter(ManagedEngine::isUsable)
                    .map(ManagedEngine::id)
                    .toList();
            engines.values().forEach(ManagedEngine::detach);
            if (!left.isEmpty()) {
                log.info(
                        "Leaving engines {} running for the next start of the gateway (engine.stop-on-shutdown=false);"
                                + " an engine no gateway pings for its orphan timeout (120 s) stops itself",
                        left);
            }
        }
        stopper.shutdownNow();
        registrationServer.close();
        // the events of engines that just ended are written before the store closes
        eventWriter.shutdown();
        try {
            if (!eventWriter.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Engine events were still being written when the pool closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request in the admission queue. */
    private static final class Waiter {
        final EngineKey key;
        final EngineContext context;
        final String user;
        final CompletableFuture<EngineLease> lease = new CompletableFuture<>();
        /** Why it is still waiting, for the error when its start timeout passes. */
        volatile String blockedBy = "it was not served yet";
        /** Whether what holds it back is its user's own engine quota (a 429, not a 503, when it ends). */
        volatile boolean overUserQuota;

        Waiter(EngineKey key, EngineContext context, String user) {
            this.key = key;
            this.context = context;
            this.user = user;
        }
    }

    /**
     * An engine's event; its owner is the user it serves (USER and CONNECTION engines), the group
     * (GROUP), or {@value #SHARED_OWNER} for a SERVER engine and a warm or standby one that serves
     * nobody yet. An event the store cannot take is logged and dropped: the engine goes on.
     */
    private void publishEvent(ManagedEngine engine, EventType type, Map<String, Object> data) {
        EventDraft draft = new EventDraft(
                ResourceKind.ENGINE, engine.id(), eventOwner(engine), null, null, type, clock.instant(), data);
        try {
            eventWriter.execute(() -> {
                try {
                    outbox.append(draft);
                } catch (RuntimeException e) {
                    log.warn("The {} event of engine {} was not stored: {}", type, engine.id(), e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("The {} event of engine {} came after the pool closed; not stored", type, engine.id());
        }
    }

    /** The owner of a shared engine's events: admins see them (docs/events.md). */
    static final String SHARED_OWNER = "_server";

    static String eventOwner(ManagedEngine engine) {
        EngineKey key = engine.key();
        if (key == null) {
            return SHARED_OWNER;
        }
        return switch (key.shareLevel()) {
            case USER, GROUP -> key.subject();
            case CONNECTION -> engine.assignedUser() != null ? engine.assignedUser() : SHARED_OWNER;
            case SERVER -> SHARED_OWNER;
        };
    }
}
