package io.hearth.api.spi;

/**
 * A job users write, package in a jar, upload as an artifact and register as a function: the
 * engine loads the class in a class loader of its own, binds the parameters of each run from JSON,
 * and calls {@link #run}.
 *
 * <p>{@code P} must be a record (or {@link NoParameters}); its components are the job's
 * parameters, named in JSON in snake_case ({@code minCount} is {@code "min_count"}). Components
 * may be {@code int}, {@code long}, {@code double}, {@code boolean}, {@code String}, enums,
 * {@code List}, {@code Map<String, ?>}, nested records, or {@code Optional} of these; every
 * component that is not an {@code Optional} is required. The gateway checks parameters against the
 * JSON Schema derived from {@code P} before the job is queued.
 *
 * <p>{@code R} is what the job returns: a {@code Dataset<Row>} is fetched like a SQL statement's
 * result (in chunks, as JSON, CSV or Arrow); any other value is serialised to JSON with Jackson
 * (records and maps as objects, with snake_case names for record components); {@code null} is the
 * JSON value {@code null}.
 *
 * <p>The class needs a public no-argument constructor; one instance runs one job.
 *
 * <pre>{@code
 * public final class WordCountJob implements HearthJob<WordCountJob.Parameters, Dataset<Row>> {
 *     public record Parameters(String text, int minCount) {}
 *
 *     public Dataset<Row> run(JobContext context, Parameters parameters) {
 *         context.logger().info("counting words");
 *         return context.spark().sql("...");
 *     }
 * }
 * }</pre>
 *
 * @param <P> the parameter record
 * @param <R> the result type
 */
public interface HearthJob<P extends Record, R> {
    /**
     * Runs the job. A thrown exception fails it with its message (error code {@code JOB_FAILED},
     * or Spark's error condition when Spark failed).
     *
     * @param context the session, logger, progress, cancellation and named objects of this run
     * @param parameters the parameters, bound from JSON and valid against the schema of {@code P}
     */
    R run(JobContext context, P parameters) throws Exception;
}
