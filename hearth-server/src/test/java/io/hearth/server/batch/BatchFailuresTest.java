package io.hearth.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchFailuresTest {
    @Test
    void namesTheExceptionMainThrewAndItsLastCause() {
        List<String> output = List.of(
                "25/11/25 12:00:00 INFO SparkContext: Running Spark version 4.2.0",
                "Exception in thread \"main\" org.apache.spark.SparkException: Job aborted",
                "\tat org.apache.spark.SparkContext.runJob(SparkContext.scala:1)",
                "Caused by: java.io.FileNotFoundException: /data/in.txt (No such file or directory)",
                "\t... 12 more",
                "25/11/25 12:00:01 INFO ShutdownHookManager: Shutdown hook called");

        assertThat(BatchFailures.describe(1, output))
                .isEqualTo("the application exited with status 1: org.apache.spark.SparkException: Job aborted"
                        + " (caused by java.io.FileNotFoundException: /data/in.txt (No such file or directory))");
    }

    @Test
    void withoutAnExceptionGivesTheLastLinesOfOutput() {
        List<String> output = List.of("starting", "", "giving up: no input");

        assertThat(BatchFailures.describe(3, output))
                .isEqualTo(
                        "the application exited with status 3; its output ended with:\nstarting\ngiving up: no input");
        assertThat(BatchFailures.describe(137, List.of()))
                .isEqualTo("the application exited with status 137 and printed nothing");
    }
}
