package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.grpc.StatusRuntimeException;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.engine.EngineInfo;
import io.hearth.api.engine.EngineState;
import io.hearth.api.job.NamedObjectInfo;
import io.hearth.protocol.v1.RegisterEngineRequest;
import io.hearth.server.auth.Principal;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines this gateway runs, and their supervision: launch, registration, heartbeats, loss and
 * stop. For now one engine (share level SERVER) serves every principal; it starts on first use
 * (or at start-up with {@code engine.prestart}) and a lost one is replaced on the next request.
 */
public final class EnginePool implements EngineSelector, AutoCloseable {
    static final String SERVER_SHARE_KEY = "SERVER:default";
    private static final Logger log = LoggerFactory.getLogger(EnginePool.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    static final int ENDED_ENGINES_KEPT = 20;

    private final EngineConfig config;
    private final EngineRecoveryConfig recovery;
    private final EngineRepository repository;
    private final List<ManagedEngine> recovered;
    private final EngineLauncher launcher;
    private final Clock clock;
    private final EngineSecrets secrets = new EngineSecrets();
    private final Map<String, ManagedEngine> engines = new ConcurrentHashMap<>();
    private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final RegistrationServer registrationServer;
    private final String engineUser;
    private ManagedEngine shared;

    private EnginePool(
            EngineConfig config,
            EngineRecoveryConfig recovery,
            EngineRepository repository,
            EngineLauncher launcher,
            Clock clock)
            throws IOException {
        this.config = requireNonNull(config, "config is null");
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
        // engines of the previous gateway are known before they can call: they register again as soon as it listens
        this.recovered = EngineRecovery.adopt(repository, clock);
        for (ManagedEngine engine : recovered) {
            engines.put(engine.id(), engine);
            if (engine.shareKey().equals(SERVER_SHARE_KEY)) {
                shared = engine;
            }
        }
        this.registrationServer = new RegistrationServer("127.0.0.1", recovery.registrationPort(), this);
    }

    /** Opens the registration endpoint and starts supervising; prestarts an engine if configured. */
    public static EnginePool start(EngineConfig config, EngineLauncher launcher, Clock clock) throws IOException {
        return start(config, EngineRecoveryConfig.none(), EngineRepository.NONE, launcher, clock);
    }

    /**
     * Opens the registration endpoint and starts supervising; engines the store lists as live (a
     * previous gateway's) are expected to register again within {@code engine.recovery-timeout}.
     */
    public static EnginePool start(
            EngineConfig config,
            EngineRecoveryConfig recovery,
            EngineRepository repository,
            EngineLauncher launcher,
            Clock clock)
            throws IOException {
        EnginePool pool = new EnginePool(config, recovery, repository, launcher, clock);
        long interval = config.heartbeatInterval().toMillis();
        pool.scheduler.scheduleWithFixedDelay(pool::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        for (ManagedEngine engine : pool.recovered) {
            pool.scheduler.schedule(
                    () -> pool.giveUpRecovering(engine),
                    recovery.recoveryTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (config.prestart()) {
            pool.scheduler.execute(() -> {
                try {
                    pool.sharedEngine();
                } catch (RuntimeException e) {
                    log.error("Prestarting the engine failed", e);
                }
            });
        }
        return pool;
    }

    /**
     * Calls {@code listener} with an engine's id when it ends (stopped, lost or failed), on the
     * thread that ended it; engines stay ended, so it is called once per engine.
     */
    public void onEngineEnded(Consumer<String> listener) {
        endListeners.add(requireNonNull(listener, "listener is null"));
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
            return new EngineLease(engine);
        }
    }

    @Override
    public EngineLease acquire(Principal principal) throws InterruptedException {
        requireNonNull(principal, "principal is null");
        ManagedEngine engine = sharedEngine();
        try {
            engine.ready().get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String reason = "engine " + engine.id() + " did not register within "
                    + config.startTimeout().toSeconds() + "s";
            failStart(engine, reason);
            throw new HearthException(ErrorCode.ENGINE_UNAVAILABLE, reason);
        } catch (ExecutionException e) {
            throw new HearthException(
                    ErrorCode.ENGINE_START_FAILED, e.getCause().getMessage(), e.getCause());
        }
        synchronized (engine) {
            if (!engine.isUsable() || engine.state() == EngineState.STARTING) {
                throw new HearthException(
                        ErrorCode.ENGINE_UNAVAILABLE, "engine " + engine.id() + " is " + engine.state());
            }
            return new EngineLease(engine);
        }
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

    /** Asks the engine to stop, then ends its process; its running statements fail. */
    public Optional<EngineInfo> stop(String engineId) {
        ManagedEngine engine = engines.get(engineId);
        if (engine == null) {
            return Optional.empty();
        }
        stopEngine(engine, "engine " + engineId + " was stopped by request");
        return Optional.of(engine.info());
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

    /** The last lines of the engine's output. */
    public Optional<List<String>> tailLog(String engineId, int lines) {
        ManagedEngine engine = engines.get(engineId);
        if (engine == null) {
            return Optional.empty();
        }
        return Optional.of(LogTail.lastLines(engine.logFile(), lines));
    }

    private synchronized ManagedEngine sharedEngine() {
        if (shared == null || !shared.isUsable()) {
            shared = launchEngine(SERVER_SHARE_KEY);
        }
        return shared;
    }

    private ManagedEngine launchEngine(String shareKey) {
        String id = "engine-" + UUID.randomUUID().toString().substring(0, 8);
        ManagedEngine engine = new ManagedEngine(
                id,
                secrets.newSecret(),
                shareKey,
                engineUser,
                config.logDirectory().resolve(id + ".log"),
                clock);
        forgetOldEndedEngines();
        engines.put(id, engine);
        EngineRecovery.recordLaunch(repository, engine);
        try {
            EngineProcess process = launcher.launch(
                    new EngineLaunch(id, engine.secret(), registrationServer.address(), engine.logFile()));
            engine.launched(process);
            process.onExit().thenAccept(code -> exited(engine, code));
        } catch (IOException | RuntimeException e) {
            log.error("Launching engine {} failed", id, e);
            end(engine, EngineState.FAILED, "could not launch the engine: " + e.getMessage());
        }
        return engine;
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
        log.info(
                "Engine {} is ready at {}:{} (pid {}, Spark {})",
                engine.id(),
                request.getHost(),
                request.getPort(),
                request.getPid(),
                request.getSparkVersion());
        return true;
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
            end(
                    engine,
                    EngineState.FAILED,
                    "engine exited with code " + code + " before it was ready; its last output:\n"
                            + String.join("\n", tail));
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
        EngineConnection connection = engine.connection();
        if (!engine.beginStopping(reason)) {
            return;
        }
        log.info("Stopping engine {}", engine.id());
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
        end(engine, EngineState.STOPPED, reason);
    }

    /** Ends an engine (see {@link ManagedEngine#end}) and tells the listeners when it ended now. */
    private boolean end(ManagedEngine engine, EngineState finalState, String reason) {
        if (!engine.end(finalState, reason)) {
            return false;
        }
        EngineRecovery.recordEnd(repository, engine, finalState, reason, clock.instant());
        for (Consumer<String> listener : endListeners) {
            try {
                listener.accept(engine.id());
            } catch (RuntimeException e) {
                log.warn("A listener failed on the end of engine {}", engine.id(), e);
            }
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
        for (ManagedEngine engine : engines.values()) {
            if (recovery.stopOnShutdown()) {
                stopEngine(engine, "the gateway stopped");
            } else {
                // engine.stop-on-shutdown=false: they keep running their work for the next gateway
                engine.detach();
            }
        }
        scheduler.shutdownNow();
        registrationServer.close();
    }
}
