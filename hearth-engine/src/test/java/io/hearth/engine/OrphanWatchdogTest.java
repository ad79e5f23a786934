package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrphanWatchdogTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger orphaned = new AtomicInteger();

    @Test
    void firesOnceWhenTheGatewayStopsPinging() {
        try (OrphanWatchdog watchdog = new OrphanWatchdog(clock, Duration.ofSeconds(120), orphaned::incrementAndGet)) {
            clock.advance(Duration.ofSeconds(119));
            watchdog.check();
            assertThat(orphaned).hasValue(0);

            clock.advance(Duration.ofSeconds(1));
            watchdog.check();
            watchdog.check();
            assertThat(orphaned).hasValue(1);
        }
    }

    @Test
    void aPingRestartsTheCount() {
        try (OrphanWatchdog watchdog = new OrphanWatchdog(clock, Duration.ofSeconds(120), orphaned::incrementAndGet)) {
            clock.advance(Duration.ofSeconds(100));
            watchdog.recordPing();
            clock.advance(Duration.ofSeconds(100));
            watchdog.check();
            assertThat(orphaned).hasValue(0);
        }
    }
}
