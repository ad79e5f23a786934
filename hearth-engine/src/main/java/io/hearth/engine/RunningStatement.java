package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.protocol.v1.StatementEvent;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A statement the engine is running; cancellation is remembered so it is reported as CANCELED.
 * It carries its progress, which Spark's listener thread and the statement's own code update, and
 * reports it on the statement's event stream without ever waiting for the stream.
 */
final class RunningStatement {
    /** How often progress is reported at most: enough for a progress bar, little for the stream. */
    static final long PROGRESS_INTERVAL_MILLIS = 250;

    private final String statementId;
    private final Clock clock;
    private final AtomicBoolean canceled = new AtomicBoolean();
    private final ProgressCounter progress = new ProgressCounter(PROGRESS_INTERVAL_MILLIS);
    private volatile StatementEventStream events;

    RunningStatement(String statementId, Clock clock) {
        this.statementId = requireNonNull(statementId, "statementId is null");
        this.clock = requireNonNull(clock, "clock is null");
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

    /** Where progress reports go, once the statement's call is set up. */
    void reportProgressTo(StatementEventStream stream) {
        this.events = requireNonNull(stream, "stream is null");
    }

    ProgressCounter progress() {
        return progress;
    }

    /**
     * A message of the statement's own about how far it got (a job's {@code JobContext.progress});
     * it goes out with the next progress report.
     */
    void progressMessage(String message) {
        progress.message(message);
        reportProgress();
    }

    /**
     * Sends a PROGRESS event if one is due (see {@link ProgressCounter#takeReport}); skipped, not
     * waited for, when the stream cannot take it now.
     */
    void reportProgress() {
        StatementEventStream stream = events;
        if (stream == null) {
            return;
        }
        progress.takeReport(clock.millis())
                .ifPresent(report -> stream.trySend(
                        StatementEvent.newBuilder().setProgress(report).build()));
    }
}
