package io.hearth.server.engine;

import io.hearth.api.engine.EngineState;
import io.hearth.protocol.v1.RegisterEngineRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the pool's engines outlive a gateway restart: each launch, registration and end is written
 * to the store; a starting gateway takes back the engines the store lists as live (STARTING, with
 * their stored secret, until they register again or {@code engine.recovery-timeout} passes); and
 * the process of one that did not come back is stopped if it still runs (an orphan).
 */
final class EngineRecovery {
    private static final Logger log = LoggerFactory.getLogger(EngineRecovery.class);
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private EngineRecovery() {}

    /** The engines a previous gateway left live, as STARTING engines waiting to register again. */
    static List<ManagedEngine> adopt(
            EngineRepository repository, ContextCatalog contexts, EngineContext fallback, Clock clock) {
        List<ManagedEngine> adopted = new ArrayList<>();
        for (EngineRecord record : repository.findLive()) {
            Optional<EngineKey> key = EngineKey.parse(record.shareKey());
            String contextName =
                    record.shareKey().substring(0, Math.max(0, record.shareKey().indexOf(':')));
            // a context deleted meanwhile: the engine still serves its work, under the default's limits
            EngineContext context = contexts.find(contextName).orElse(fallback);
            ManagedEngine engine = new ManagedEngine(record, context, key.orElse(null), clock);
            if (record.shareKey().equals(ManagedEngine.STANDBY_KEY)) {
                engine.markStandby(); // never bound: it comes back waiting for a bind
            }
            adopted.add(engine);
            log.info(
                    "Expecting engine {} (pid {}) of the previous gateway to register again",
                    record.engineId(),
                    record.pid());
        }
        return List.copyOf(adopted);
    }

    /** Waits (a while) for a taken-back engine to register again; returns at once for any other state. */
    static void awaitRegistration(ManagedEngine engine, Duration patience) {
        if (engine.state() != EngineState.STARTING) {
            return;
        }
        try {
            engine.ready().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the caller reads the engine's state and says why
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void recordAssignment(EngineRepository repository, ManagedEngine engine) {
        write("assignment", engine, () -> repository.assigned(engine.id(), engine.shareKey()));
    }

    static void recordLaunch(EngineRepository repository, ManagedEngine engine) {
        write(
                "launch",
                engine,
                () -> repository.insert(new EngineRecord(
                        engine.id(),
                        engine.secret(),
                        engine.shareKey(),
                        engine.user(),
                        engine.pid(),
                        null,
                        0,
                        EngineState.STARTING,
                        engine.startedAt(),
                        engine.logFile())));
    }

    static void recordRegistration(EngineRepository repository, ManagedEngine engine, RegisterEngineRequest request) {
        write(
                "registration",
                engine,
                () -> repository.registered(engine.id(), request.getHost(), request.getPort(), request.getPid()));
    }

    static void recordEnd(
            EngineRepository repository, ManagedEngine engine, EngineState state, String reason, Instant at) {
        write("end", engine, () -> repository.ended(engine.id(), state, reason, at));
    }

    /**
     * Stops a previous gateway's engine process by its recorded pid, if that pid still runs a
     * Hearth engine of this id (its command line names it: a pid can be reused by another program).
     */
    static void killOrphan(ManagedEngine engine) {
        Long pid = engine.pid();
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !isEngine(process.get(), engine.id())) {
            return;
        }
        log.warn("Stopping the orphan process {} of engine {}", pid, engine.id());
        process.get().destroy();
        try {
            process.get().onExit().get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.get().destroyForcibly();
        } catch (InterruptedException e) {
            process.get().destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static boolean isEngine(ProcessHandle process, String engineId) {
        return process.isAlive()
                && process.info()
                        .commandLine()
                        .map(line -> line.contains(engineId))
                        .orElse(false);
    }

    /** The store failing must not stop the pool; a restart then finds less to take back. */
    private static void write(String what, ManagedEngine engine, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.warn("Could not record the {} of engine {}: {}", what, engine.id(), e.getMessage());
        }
    }
}
