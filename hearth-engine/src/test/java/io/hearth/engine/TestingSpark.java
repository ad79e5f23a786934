package io.hearth.engine;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of this module's test run. Surefire runs every test class in one JVM,
 * which holds one SparkContext at most, and starting it costs seconds: the classes share it and
 * never stop it. A class that does stop it (the engine's own shutdown) leaves the next one a new
 * session with the same configuration.
 */
final class TestingSpark {
    private static SparkSession session;

    private TestingSpark() {}

    static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("hearth-engine-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
        }
        return session;
    }
}
