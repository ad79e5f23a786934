package io.hearth.engine;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the engine's SparkSession. The engine's launch conf (master, app name, {@code --conf}) is
 * in the system properties SparkSubmit set; {@code conf} overrides it (a late bind's conf).
 */
@FunctionalInterface
interface SparkSessionFactory {
    SparkSession create(Map<String, String> conf);

    /** Spark's builder over the system properties, with {@code conf} as its options. */
    static SparkSessionFactory fromSystemProperties() {
        return conf -> {
            SparkSession.Builder builder = SparkSession.builder();
            // builder options win over the system properties SparkConf loads
            conf.forEach(builder::config);
            return builder.getOrCreate();
        };
    }
}
