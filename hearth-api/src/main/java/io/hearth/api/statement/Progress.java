package io.hearth.api.statement;

/**
 * How far running work has got, as its engine last reported it: Spark stages and tasks of the
 * jobs it started so far (totals grow as Spark plans more jobs), and a job's own message.
 *
 * @param message the job's last progress message ({@code JobContext.progress}), or null
 */
public record Progress(int stagesCompleted, int stagesTotal, long tasksCompleted, long tasksTotal, String message) {}
