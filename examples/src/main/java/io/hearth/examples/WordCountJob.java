package io.hearth.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.split;

import io.hearth.api.spi.HearthJob;
import io.hearth.api.spi.JobContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Counts the words of a text (or of a list of lines), case-insensitively, and returns the words
 * seen at least {@code min_count} times with their counts, most frequent first: a Dataset result,
 * fetched in chunks like a SQL statement's.
 */
public final class WordCountJob implements HearthJob<WordCountJob.Parameters, Dataset<Row>> {
    /**
     * @param text the text to count (or {@code lines})
     * @param lines the lines to count (or {@code text})
     * @param minCount leave out words seen fewer times
     */
    public record Parameters(Optional<String> text, Optional<List<String>> lines, int minCount) {}

    @Override
    public Dataset<Row> run(JobContext context, Parameters parameters) {
        List<String> input = new ArrayList<>(parameters.lines().orElse(List.of()));
        parameters.text().ifPresent(input::add);
        if (input.isEmpty()) {
            throw new IllegalArgumentException("give text or lines to count");
        }
        context.logger()
                .info("counting the words of " + input.size() + " line(s), keeping those seen at least "
                        + parameters.minCount() + " time(s)");
        // Spark's column functions only: no lambda of this jar has to reach the executors
        return context.spark()
                .createDataset(input, Encoders.STRING())
                .select(explode(split(lower(col("value")), "[^\\p{L}\\p{N}']+")).as("word"))
                .where(col("word").notEqual(""))
                .groupBy("word")
                .agg(count("*").as("count"))
                .where(col("count").geq(parameters.minCount()))
                .orderBy(col("count").desc(), col("word"));
    }
}
