package io.hearth.server.statement;

import static java.util.Objects.requireNonNull;

import io.hearth.api.StatementState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * Times statements and jobs from acceptance to their final state (queue time included: it is what
 * the client waited), by kind and final state. Counted by the gateway that ran them, so the counts
 * start at zero with each gateway; the store-backed {@code hearth.statements} gauge is the one that
 * survives restarts.
 */
public final class WorkMetrics {
    static final String NAME = "hearth.statement.duration";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofHours(1)
    };
    private static final List<StatementState> FINAL_STATES =
            List.of(StatementState.SUCCEEDED, StatementState.FAILED, StatementState.CANCELED);

    private final MeterRegistry registry;

    public WorkMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        for (WorkKind kind : WorkKind.values()) {
            for (StatementState state : FINAL_STATES) {
                timer(kind, state); // present from the first scrape, at zero
            }
        }
    }

    /** Records the work's duration once it has reached a final state (work left running is not timed). */
    void finished(Statement statement) {
        if (!statement.state().isTerminal() || statement.finishedAt() == null) {
            return;
        }
        Duration took = Duration.between(statement.createdAt(), statement.finishedAt());
        timer(statement.kind(), statement.state()).record(took.isNegative() ? Duration.ZERO : took);
    }

    private Timer timer(WorkKind kind, StatementState state) {
        return Timer.builder(NAME)
                .description("Statements and jobs from acceptance to their final state")
                .tag("kind", kind.name())
                .tag("state", state.name())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
