package io.hearth.server.engine;

import io.hearth.testing.TestingEngine;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Launches {@link TestingEngine}s in this JVM instead of engine processes. They register back
 * over real gRPC, like real engines; a standby launch ({@link EngineLaunch#standby}) starts a
 * standby TestingEngine, which serves once bound.
 */
public final class TestingEngineLauncher implements EngineLauncher, AutoCloseable {
    /** What the next launched engine does. */
    public enum Mode {
        REGISTER,
        REPORT_FAILURE,
        EXIT_BEFORE_REGISTERING
    }

    private final List<TestingEngine> engines = new CopyOnWriteArrayList<>();
    private final List<EngineLaunch> launches = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "testing-engine-launcher");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Mode mode = Mode.REGISTER;

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    /** Engines launched so far, oldest first. */
    public List<TestingEngine> engines() {
        return List.copyOf(engines);
    }

    /** Every launch asked for so far, oldest first (whether its engine came up or not). */
    public List<EngineLaunch> launches() {
        return List.copyOf(launches);
    }

    public TestingEngine latest() {
        return engines.get(engines.size() - 1);
    }

    @Override
    public EngineProcess launch(EngineLaunch launch) throws IOException {
        launches.add(launch);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Mode current = mode;
        TestingEngine[] started = new TestingEngine[1];
        executor.execute(() -> {
            try {
                switch (current) {
                    case REGISTER -> {
                        TestingEngine engine = launch.standby()
                                ? TestingEngine.startStandbyAndRegister(
                                        launch.engineId(), launch.secret(), launch.gatewayAddress(), engines::add)
                                : TestingEngine.startAndRegister(
                                        launch.engineId(), launch.secret(), launch.gatewayAddress(), engines::add);
                        synchronized (started) {
                            started[0] = engine;
                        }
                        engine.onExit().thenAccept(exit::complete);
                    }
                    case REPORT_FAILURE -> {
                        TestingEngine.reportFailure(
                                launch.engineId(),
                                launch.secret(),
                                launch.gatewayAddress(),
                                "org.apache.spark.SparkException: Could not parse Master URL: 'nonsense'");
                        exit.complete(1);
                    }
                    case EXIT_BEFORE_REGISTERING -> exit.complete(1);
                }
            } catch (IOException | RuntimeException e) {
                exit.complete(1);
            }
        });
        return new EngineProcess() {
            @Override
            public OptionalLong pid() {
                return OptionalLong.empty();
            }

            @Override
            public CompletableFuture<Integer> onExit() {
                return exit;
            }

            @Override
            public void kill() {
                synchronized (started) {
                    if (started[0] != null) {
                        started[0].crash();
                    }
                }
                exit.complete(137);
            }
        };
    }

    @Override
    public void close() {
        engines.forEach(TestingEngine::close);
        executor.shutdownNow();
    }
}
