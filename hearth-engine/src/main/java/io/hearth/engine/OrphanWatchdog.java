package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the engine when the gateway has not pinged for the orphan timeout, so a killed gateway
 * does not leave engine JVMs behind. Before that, once the gateway has been silent for a while,
 * calls {@code onSilent} every check (the engine registers again, in case the gateway restarted).
 */
final class OrphanWatchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OrphanWatchdog.class);

    private final Clock clock;
    private final Duration timeout;
    private final Runnable onOrphaned;
    private final Duration silentAfter;
    private final Runnable onSilent;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("hearth-orphan-watchdog", true));
    private volatile Instant lastPing;

    OrphanWatchdog(Clock clock, Duration timeout, Runnable onOrphaned) {
        this(clock, timeout, onOrphaned, timeout, () -> {});
    }

    OrphanWatchdog(Clock clock, Duration timeout, Runnable onOrphaned, Duration silentAfter, Runnable onSilent) {
        this.silentAfter = requireNonNull(silentAfter, "silentAfter is null");
        this.onSilent = requireNonNull(onSilent, "onSilent is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.onOrphaned = requireNonNull(onOrphaned, "onOrphaned is null");
        this.lastPing = clock.instant();
    }

    /** Starts counting from now; checks once a second. */
    void start() {
        recordPing();
        scheduler.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    void recordPing() {
        lastPing = clock.instant();
    }

    /** Fires {@code onOrphaned} once when the timeout has passed since the last ping. */
    void check() {
        Duration silence = Duration.between(lastPing, clock.instant());
        if (silence.compareTo(timeout) >= 0 && fired.compareAndSet(false, true)) {
            log.warn("No ping from the gateway for {} s: shutting the engine down", silence.toSeconds());
            onOrphaned.run();
        } else if (silence.compareTo(silentAfter) >= 0 && !fired.get()) {
            onSilent.run();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
