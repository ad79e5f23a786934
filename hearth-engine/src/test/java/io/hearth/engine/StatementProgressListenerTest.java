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
    @Timeout(120) // without the cancel, the count runs for minutes: fail instead of hanging the build
    void cancelsAJobThatStartsForAStatementAlreadyCanceled() {
        SparkSession spark = TestingSpark.session();
        SparkContext context = spark.sparkContext();
        RunningStatement statement = new RunningStatement("canceled-before-its-job", Clock.systemUTC());
        statement.markCanceled();
        StatementProgressListener listener = new StatementProgressListener(
                id -> id.equals(statement.statementId()) ? Optional.of(statement) : Optional.empty(),
                jobId -> context.cancelJob(jobId, "canceled by the test"));
        context.addSparkListener(listener);
        // no cancelJobGroup call at all: only the listener can stop this job
        context.setJobGroup(statement.statementId(), "a statement canceled before Spark saw its job", true);
        try {
            // long enough (tens of seconds on 2 cores) that only a cancel ends it within the test
            assertThatThrownBy(() -> spark.range(0, 50_000_000_000L, 1, 2)
                            .where("id % 7 = 3")
                            .count())
                    .hasMessageContaining("canceled by the test");
        } finally {
            context.clearJobGroup();
            context.removeSparkListener(listener);
        }
    }
}
