package io.hearth.examples;

import io.hearth.api.spi.HearthJob;
import io.hearth.api.spi.JobContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Counts the rows of a Dataset an earlier job kept on the engine ({@link PersistRangeJob}). */
public final class CountObjectJob implements HearthJob<CountObjectJob.Parameters, Long> {
    public record Parameters(String name) {}

    @Override
    public Long run(JobContext context, Parameters parameters) {
        Dataset<Row> kept = context.find(parameters.name())
                .orElseThrow(() -> new IllegalArgumentException(
                        "no object named " + parameters.name() + " is kept on this engine"));
        return kept.count();
    }
}
