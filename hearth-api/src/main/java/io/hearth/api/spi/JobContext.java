package io.hearth.api.spi;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a running job can use from its engine. Spark jobs a job starts run under its id as Spark job
 * group, so canceling the job cancels them.
 */
public interface JobContext {
    /** The engine's Spark session. */
    SparkSession spark();

    /** The job's id, as the REST API shows it. */
    String jobId();

    /** A logger whose lines reach the job's log ({@code GET /v1/jobs/{id}/log}). */
    JobLogger logger();

    /** Reports how far the job has got; the last message shows in the job's status. */
    void progress(String message);

    /** True once the job was asked to stop. */
    boolean isCanceled();

    /**
     * Throws when the job was asked to stop; call it between steps of long work that does not run
     * in Spark.
     *
     * @throws JobCanceledException when the job was canceled
     */
    void checkCanceled();

    /**
     * Keeps a Dataset under a name for later jobs on the same engine (it is cached). A Dataset
     * already kept under the name is replaced and uncached. Named objects go with the engine.
     */
    void persist(String name, Dataset<Row> dataset);

    /** The Dataset a job on this engine kept under the name. */
    Optional<Dataset<Row>> find(String name);

    /** Forgets (and uncaches) the Dataset kept under the name; false when there was none. */
    boolean remove(String name);
}
