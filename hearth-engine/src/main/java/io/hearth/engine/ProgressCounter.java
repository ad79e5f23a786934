package io.hearth.engine;

import io.hearth.protocol.v1.StatementProgress;
import java.util.Optional;

/**
 * A running statement's progress: Spark stages and tasks done of those planned so far (totals grow
 * as its jobs start), and a job's own message. Updated from Spark's listener thread and a job's
 * thread, so every method is synchronized.
 */
final class ProgressCounter {
    private final long minIntervalMillis;
    private int stagesCompleted;
    private int stagesTotal;
    private long tasksCompleted;
    private long tasksTotal;
    private String message = "";
    private boolean changed;
    private long lastReportedAt;
    private boolean reported;

    /** @param minIntervalMillis progress is reported at most this often */
    ProgressCounter(long minIntervalMillis) {
        if (minIntervalMillis < 0) {
            throw new IllegalArgumentException("minIntervalMillis must not be negative: " + minIntervalMillis);
        }
        this.minIntervalMillis = minIntervalMillis;
    }

    /** A job started with this many stages and tasks. */
    synchronized void planned(int stages, long tasks) {
        stagesTotal += stages;
        tasksTotal += tasks;
        changed = true;
    }

    /** A job ended and these of its stages never ran (Spark skipped them: their output existed). */
    synchronized void skipped(int stages, long tasks) {
        stagesTotal = Math.max(stagesCompleted, stagesTotal - stages);
        tasksTotal = Math.max(tasksCompleted, tasksTotal - tasks);
        changed = true;
    }

    synchronized void stageCompleted() {
        // a retried stage completes twice; done never passes planned
        stagesCompleted = Math.min(stagesTotal, stagesCompleted + 1);
        changed = true;
    }

    synchronized void taskCompleted() {
        tasksCompleted = Math.min(tasksTotal, tasksCompleted + 1);
        changed = true;
    }

    synchronized void message(String newMessage) {
        message = newMessage == null ? "" : newMessage;
        changed = true;
    }

    /**
     * The progress to report now, or empty when nothing changed since the last report or the last
     * one is younger than the interval. A report taken counts as sent.
     */
    synchronized Optional<StatementProgress> takeReport(long nowMillis) {
        if (!changed || (reported && nowMillis - lastReportedAt < minIntervalMillis)) {
            return Optional.empty();
        }
        changed = false;
        reported = true;
        lastReportedAt = nowMillis;
        return Optional.of(StatementProgress.newBuilder()
                .setStagesCompleted(stagesCompleted)
                .setStagesTotal(stagesTotal)
                .setTasksCompleted(tasksCompleted)
                .setTasksTotal(tasksTotal)
                .setMessage(message)
                .build());
    }
}
