package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicBoolean;

/** A statement the engine is running; cancellation is remembered so it is reported as CANCELED. */
final class RunningStatement {
    private final String statementId;
    private final AtomicBoolean canceled = new AtomicBoolean();

    RunningStatement(String statementId) {
        this.statementId = requireNonNull(statementId, "statementId is null");
    }

    String statementId() {
        return statementId;
    }

    /** True the first time only. */
    boolean markCanceled() {
        return canceled.compareAndSet(false, true);
    }

    boolean isCanceled() {
        return canceled.get();
    }
}
