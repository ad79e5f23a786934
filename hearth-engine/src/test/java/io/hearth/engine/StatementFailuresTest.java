package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.v1.StatementFailed;
import java.io.IOException;
import org.apache.spark.sql.errors.QueryCompilationErrors;
import org.junit.jupiter.api.Test;

class StatementFailuresTest {
    @Test
    void aConditionThatHidesItsCauseIsReportedWithTheRootCausesFirstLine() {
        IOException denied = new IOException(
                "Permission denied: user=alice, access=EXECUTE, inode=\"/data/bob\":bob:bob:drwx------\n"
                        + "\tat org.apache.hadoop.hdfs.server.namenode.FSPermissionChecker.check(...)");
        Throwable failure = new RuntimeException(
                "outer", QueryCompilationErrors.failedToCreatePlanForDirectQueryError("csv", denied));

        StatementFailed failed = StatementFailures.fromThrowable(failure);

        assertThat(failed.getErrorClass()).isEqualTo("FAILED_TO_CREATE_PLAN_FOR_DIRECT_QUERY");
        assertThat(failed.getMessage())
                .startsWith("[FAILED_TO_CREATE_PLAN_FOR_DIRECT_QUERY]")
                .endsWith("(caused by java.io.IOException: Permission denied: user=alice, access=EXECUTE,"
                        + " inode=\"/data/bob\":bob:bob:drwx------)");
    }

    @Test
    void aConditionWithoutACauseKeepsItsMessage() {
        Throwable failure = QueryCompilationErrors.failedToCreatePlanForDirectQueryError("csv", null);

        assertThat(StatementFailures.fromThrowable(failure).getMessage())
                .doesNotContain("caused by")
                .startsWith("[FAILED_TO_CREATE_PLAN_FOR_DIRECT_QUERY]");
    }
}
