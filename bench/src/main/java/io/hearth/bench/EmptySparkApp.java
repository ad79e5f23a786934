package io.hearth.bench;

import org.apache.spark.sql.SparkSession;

/**
 * The cold-start baseline: a Spark application that only builds a SparkSession and stops it, run with
 * SparkSubmit the way the gateway runs an engine. It prints when the session is ready.
 */
public final class EmptySparkApp {
    static final String READY = "hearth-bench: SparkSession ready";

    private EmptySparkApp() {}

    public static void main(String[] args) {
        SparkSession spark =
                SparkSession.builder().appName("hearth-bench-empty").getOrCreate();
        System.out.println(READY);
        System.out.flush();
        spark.stop();
    }
}
