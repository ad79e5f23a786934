package io.hearth.examples;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.hearth.api.spi.HearthJob;
import io.hearth.api.spi.JobContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A parameterised aggregation: the numbers {@code 0..rows-1} put in {@code buckets} buckets (by the
 * number modulo the bucket count) and aggregated per bucket with {@code function}.
 */
public final class AggregateJob implements HearthJob<AggregateJob.Parameters, Dataset<Row>> {
    /** How the numbers of a bucket are aggregated. */
    public enum Aggregate {
        SUM,
        AVG,
        MAX
    }

    public record Parameters(long rows, int buckets, Aggregate function) {}

    @Override
    public Dataset<Row> run(JobContext context, Parameters parameters) {
        if (parameters.rows() < 0 || parameters.buckets() < 1) {
            throw new IllegalArgumentException("rows must be at least 0 and buckets at least 1");
        }
        context.logger()
                .info(parameters.function() + " of " + parameters.rows() + " numbers in " + parameters.buckets()
                        + " buckets");
        Column value = switch (parameters.function()) {
            case SUM -> sum("id");
            case AVG -> avg("id");
            case MAX -> max("id");
        };
        return context.spark()
                .range(parameters.rows())
                .withColumn("bucket", col("id").mod(parameters.buckets()))
                .groupBy("bucket")
                .agg(value.as("value"))
                .orderBy("bucket");
    }
}
