package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The engine pool's timers: how long engines take from launch to registration, and how long work
 * waits in the admission queue for an engine.
 */
public final class EngineMetrics {
    private static final Duration[] START_BUCKETS = {
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(20),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120),
        Duration.ofSeconds(300)
    };
    private static final Duration[] WAIT_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(25),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120),
        Duration.ofSeconds(300)
    };

    /** How an engine's start ended. */
    enum StartOutcome {
        REGISTERED,
        FAILED
    }

    private final MeterRegistry registry;
    private final Timer queueWait;

    public EngineMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        this.queueWait = Timer.builder("hearth.engine.queue.wait")
                .description("Time admitted work waited for an engine (admission to engine lease, or to giving up)")
                .serviceLevelObjectives(WAIT_BUCKETS)
                .register(registry);
        for (StartOutcome outcome : StartOutcome.values()) {
            startTimer(outcome); // present from the first scrape, at zero
        }
    }

    void engineStarted(Duration took, StartOutcome outcome) {
        startTimer(outcome).record(took.isNegative() ? Duration.ZERO : took);
    }

    void admissionWaited(long nanos) {
        queueWait.record(Duration.ofNanos(Math.max(0, nanos)));
    }

    private Timer startTimer(StartOutcome outcome) {
        return Timer.builder("hearth.engine.start")
                .description("Time from launching an engine to its registration (or its failure to start)")
                .tag("outcome", outcome.name())
                .serviceLevelObjectives(START_BUCKETS)
                .register(registry);
    }
}
