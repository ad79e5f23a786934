package io.hearth.bench;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The baseline: the same SQL on a SparkSession inside the bench JVM, results collected as Java rows. */
final class InProcessSpark implements AutoCloseable {
    private final SparkSession spark;

    InProcessSpark(String master) {
        this.spark = SparkSession.builder()
                .appName("hearth-bench-baseline")
                .master(master)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** Runs the query and returns how many rows came back. */
    long collect(String sql) {
        List<Row> rows = spark.sql(sql).collectAsList();
        return rows.size();
    }

    @Override
    public void close() {
        spark.stop();
    }
}
