package io.hearth.examples;

import org.apache.spark.sql.SparkSession;

/**
 * Runs a small Spark job, then fails on purpose: shows how a batch's failure reaches its state
 * and error.
 */
public final class FailingApp {
    static final String MESSAGE = "the example batch failed on purpose";

    private FailingApp() {}

    public static void main(String[] args) {
        SparkSession spark =
                SparkSession.builder().appName("hearth-failing-app").getOrCreate();
        try {
            long rows = spark.range(10).count();
            System.out.println("FailingApp counted " + rows + " rows and will now fail");
        } finally {
            spark.stop();
        }
        throw new IllegalStateException(MESSAGE);
    }
}
