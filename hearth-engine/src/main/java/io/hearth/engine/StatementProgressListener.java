package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts the stages and tasks of each running statement's Spark jobs and has the statement report
 * them, and cancels a job that starts for a statement already canceled. Jobs are matched to
 * statements by their job group, which is the statement id.
 *
 * <p>Why cancel here too: {@code cancelJobGroupAndFutureJobs} is meant to cancel jobs submitted
 * after it, but a {@code count(*)} submitted a moment after its statement was canceled was seen
 * here to run to its end (12 s) unharmed; Spark's adaptive execution submits shuffle stages as
 * map-stage jobs, which that check may not cover. Every job, of any kind, passes this listener.
 * Spark calls
 * a listener from one thread of its listener bus, so the maps need no locks; the work per event is
 * a few map operations and at most one non-blocking send, so the bus is never held up.
 */
final class StatementProgressListener extends SparkListener {
    /** The local property Spark's setJobGroup sets (SparkContext.SPARK_JOB_GROUP_ID). */
    static final String JOB_GROUP_PROPERTY = "spark.jobGroup.id";

    private final Function<String, Optional<RunningStatement>> statements;
    private final IntConsumer cancelJob;
    private final Map<Integer, TrackedJob> jobs = new HashMap<>();
    private final Map<Integer, RunningStatement> stages = new HashMap<>();

    /**
     * @param statements finds a running statement by id
     * @param cancelJob cancels a Spark job by id ({@code SparkContext.cancelJob})
     */
    StatementProgressListener(Function<String, Optional<RunningStatement>> statements, IntConsumer cancelJob) {
        this.statements = requireNonNull(statements, "statements is null");
        this.cancelJob = requireNonNull(cancelJob, "cancelJob is null");
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        Properties properties = jobStart.properties();
        String group = properties == null ? null : properties.getProperty(JOB_GROUP_PROPERTY);
        if (group == null) {
            return;
        }
        Optional<RunningStatement> found = statements.apply(group);
        if (found.isEmpty()) {
            return;
        }
        RunningStatement statement = found.get();
        if (statement.isCanceled()) {
            cancelJob.accept(jobStart.jobId());
            return;
        }
        TrackedJob job = new TrackedJob(statement);
        long tasks = 0;
        for (StageInfo stage : CollectionConverters.asJava(jobStart.stageInfos())) {
            job.stageTasks.put(stage.stageId(), (long) stage.numTasks());
            stages.put(stage.stageId(), statement);
            tasks += stage.numTasks();
        }
        jobs.put(jobStart.jobId(), job);
        statement.progress().planned(job.stageTasks.size(), tasks);
        statement.reportProgress();
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted stageSubmitted) {
        int stageId = stageSubmitted.stageInfo().stageId();
        for (TrackedJob job : jobs.values()) {
            if (job.stageTasks.containsKey(stageId)) {
                job.submitted.add(stageId);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        RunningStatement statement = stages.get(taskEnd.stageId());
        if (statement != null
                && taskEnd.taskInfo() != null
                && taskEnd.taskInfo().successful()) {
            statement.progress().taskCompleted();
            statement.reportProgress();
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
        StageInfo stage = stageCompleted.stageInfo();
        RunningStatement statement = stages.get(stage.stageId());
        if (statement != null && stage.failureReason().isEmpty()) {
            statement.progress().stageCompleted();
            statement.reportProgress();
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        TrackedJob job = jobs.remove(jobEnd.jobId());
        if (job == null) {
            return;
        }
        int skippedStages = 0;
        long skippedTasks = 0;
        for (Map.Entry<Integer, Long> stage : job.stageTasks.entrySet()) {
            stages.remove(stage.getKey(), job.statement);
            if (!job.submitted.contains(stage.getKey())) {
                skippedStages++;
                skippedTasks += stage.getValue();
            }
        }
        if (skippedStages > 0) {
            job.statement.progress().skipped(skippedStages, skippedTasks);
        }
        job.statement.reportProgress();
    }

    /** A statement's job: its stages with their task counts, and which of them Spark submitted. */
    private static final class TrackedJob {
        private final RunningStatement statement;
        private final Map<Integer, Long> stageTasks = new HashMap<>();
        private final Set<Integer> submitted = new HashSet<>();

        TrackedJob(RunningStatement statement) {
            this.statement = statement;
        }
    }
}
