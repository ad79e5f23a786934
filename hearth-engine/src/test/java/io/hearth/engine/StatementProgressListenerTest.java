package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Optional;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StatementProgressListenerTest {
    @Test
    @Timeout(120)
    void cancelsAJobThatStartsForAStatementAlreadyCanceled() throws InterruptedException {
        SparkSession spark = TestingSpark.session();
        SparkContext context = spark.sparkContext();
        RunningStatement statement = new RunningStatement("canceled-before-its-job", Clock.systemUTC());
        statement.markCanceled();
        StatementProgressListener listener = new StatementProgressListener(
                id -> id.equals(statement.statementId()) ? Optional.of(statement) : Optional.empty(),
                jobId -> context.cancelJob(jobId, "canceled by the test"));
        context.addSparkListener(listener);
        // no cancelJobGroup call: only the listener can stop this job
        context.setJobGroup(statement.statementId(), "a statement canceled before Spark saw its job", true);
        try {
            // each task sleeps 30 s (no CPU), so only a cancel ends the job within the assertion
            assertThatThrownBy(() -> spark.sql(
                                    "select reflect('java.lang.Thread', 'sleep', cast(30000 as bigint)) from range(0, 2, 1, 2)")
                            .collectAsList())
                    .hasMessageContaining("canceled by the test");
        } finally {
            context.clearJobGroup();
            context.removeSparkListener(listener);
            // the module's tests share one SparkContext: leave no task of this test behind
            context.cancelJobGroup(statement.statementId(), "test cleanup");
            while (context.statusTracker().getActiveJobIds().length > 0) {
                Thread.sleep(50);
            }
        }
    }
}
