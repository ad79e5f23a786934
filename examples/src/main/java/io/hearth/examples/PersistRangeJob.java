package io.hearth.examples;

import io.hearth.api.spi.HearthJob;
import io.hearth.api.spi.JobContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Keeps the numbers {@code 0..n-1} on the engine under a name, for later jobs ({@link
 * CountObjectJob}); returns how many rows it kept.
 */
public final class PersistRangeJob implements HearthJob<PersistRangeJob.Parameters, Long> {
    public record Parameters(String name, long n) {}

    @Override
    public Long run(JobContext context, Parameters parameters) {
        Dataset<Row> numbers = context.spark().range(parameters.n()).toDF();
        context.persist(parameters.name(), numbers);
        // counting fills the cache now, not in the first job that uses it
        long rows = numbers.count();
        context.logger().info("kept " + rows + " rows as " + parameters.name());
        return rows;
    }
}
