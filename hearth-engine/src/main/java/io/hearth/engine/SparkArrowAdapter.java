package io.hearth.engine;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.LocalTableScanExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.arrow.ArrowConverters$;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.ArrowUtils;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * The one place that touches Spark's internal API. Spark has no public way to turn a DataFrame into
 * Arrow batches (PySpark and Spark Connect use these private[sql] members, which are public in
 * bytecode), and going through Java Row objects is ~4x slower. If a Spark upgrade breaks a
 * signature, only this class changes.
 */
final class SparkArrowAdapter {
    /** Session conf: results estimated at most this many bytes are fetched in one Spark job. */
    static final String SMALL_RESULT_BYTES_KEY = "spark.hearth.smallResultBytes";
    /** Arrow's large (64-bit offset) string/binary vectors; off so any Arrow reader handles our output. */
    private static final boolean LARGE_VAR_TYPES = false;
    /** Arrow allows duplicate field names (e.g. {@code select 1 a, 2 a}); Spark Connect does not reject them either. */
    private static final boolean ERROR_ON_DUPLICATED_FIELD_NAMES = false;

    /** Receives batch messages in result order; answers false to stop early. */
    interface ArrowBatchSink {
        boolean accept(byte[] batchMessage) throws InterruptedException;
    }

    /** The Arrow schema Spark's converter writes batches for, given the same time zone. */
    Schema arrowSchema(StructType schema, String timeZoneId) {
        return ArrowUtils.toArrowSchema(schema, timeZoneId, ERROR_ON_DUPLICATED_FIELD_NAMES, LARGE_VAR_TYPES);
    }

    /**
     * Runs the query and hands its Arrow record batches (each one encapsulated IPC message without
     * schema) to {@code sink}, partition by partition: one Spark job per partition, so the driver
     * holds at most one partition's batches. Runs in the calling thread's job group, as one SQL
     * execution (like Spark's own actions: it shows in the UI and the session's SQL conf reaches
     * the tasks, e.g. spark.sql.execution.arrow.compression.codec).
     */
    void streamArrowBatches(Dataset<Row> dataset, int maxRecordsPerBatch, String timeZoneId, ArrowBatchSink sink)
            throws InterruptedException {
        org.apache.spark.sql.classic.Dataset<Row> classic = (org.apache.spark.sql.classic.Dataset<Row>) dataset;
        QueryExecution execution = classic.queryExecution();
        try {
            SQLExecution.withNewExecutionId(execution, Option.apply("hearth"), () -> {
                Optional<InternalRow[]> driverRows = driverRows(execution);
                Iterator<byte[]> batches = driverRows.isPresent()
                        ? localBatches(driverRows.get(), classic.schema(), maxRecordsPerBatch, timeZoneId)
                        : jobBatches(
                                classic.toArrowBatchRdd(
                                                maxRecordsPerBatch,
                                                timeZoneId,
                                                ERROR_ON_DUPLICATED_FIELD_NAMES,
                                                LARGE_VAR_TYPES)
                                        .toJavaRDD(),
                                isSmall(execution, classic.sparkSession().conf().get(SMALL_RESULT_BYTES_KEY, "")));
                while (batches.hasNext()) {
                    if (!accept(sink, batches.next())) {
                        break;
                    }
                }
                return BoxedUnit.UNIT;
            });
        } catch (SinkInterrupted e) {
            throw e.interruption;
        }
    }

    /**
     * The rows of a result the driver can produce without a Spark job, if it is one: results it
     * already holds (local relations such as VALUES lists, command output), as Spark Connect
     * converts them, and constant projections over no table ({@code select 1}, {@code select
     * current_date()}), which Spark would otherwise run as a one-task job costing tens of
     * milliseconds.
     */
    private static Optional<InternalRow[]> driverRows(QueryExecution execution) {
        SparkPlan physical = execution.executedPlan();
        if (physical instanceof LocalTableScanExec || physical instanceof CommandResultExec) {
            return Optional.of(physical.executeCollect());
        }
        if (execution.optimizedPlan() instanceof Project project
                && project.child() instanceof OneRowRelation
                && CollectionConverters.asJava(project.projectList()).stream()
                        .allMatch(SparkArrowAdapter::isConstant)) {
            @SuppressWarnings("unchecked")
            scala.collection.immutable.Seq<Expression> expressions = (scala.collection.immutable.Seq<Expression>)
                    (scala.collection.immutable.Seq<?>) project.projectList();
            UnsafeProjection projection = UnsafeProjection.create(expressions);
            return Optional.of(
                    new InternalRow[] {projection.apply(InternalRow.empty()).copy()});
        }
        return Optional.empty();
    }

    /**
     * Whether Spark's size estimate (the statistics it plans broadcast joins with) puts the result
     * under the small-result budget: {@value #SMALL_RESULT_BYTES_KEY} if set, else 1/32 of the heap.
     */
    private static boolean isSmall(QueryExecution execution, String configuredBudget) {
        long budget = configuredBudget.isBlank()
                ? Runtime.getRuntime().maxMemory() / 32
                : Long.parseLong(configuredBudget.trim());
        BigInteger estimate = execution.optimizedPlan().stats().sizeInBytes().bigInteger();
        return estimate.compareTo(BigInteger.valueOf(budget)) <= 0;
    }

    /**
     * A small result comes back in one job, all partitions at once, like {@code collect()}; a
     * larger one one partition per job, so the driver holds one partition at a time.
     */
    private static Iterator<byte[]> jobBatches(JavaRDD<byte[]> batches, boolean small) {
        if (!small) {
            return batches.toLocalIterator();
        }
        List<byte[]>[] partitions = batches.collectPartitions(
                IntStream.range(0, batches.getNumPartitions()).toArray());
        return Arrays.stream(partitions).flatMap(List::stream).iterator();
    }

    /** A projected constant: Spark never calls an alias foldable, so look through it. */
    private static boolean isConstant(NamedExpression named) {
        return named instanceof Alias alias ? alias.child().foldable() : ((Expression) named).foldable();
    }

    private static Iterator<byte[]> localBatches(
            InternalRow[] rows, StructType schema, int maxRecordsPerBatch, String timeZoneId) {
        scala.collection.Iterator<byte[]> batches = ArrowConverters$.MODULE$.toBatchIterator(
                CollectionConverters.asScala(Arrays.asList(rows).iterator()),
                schema,
                maxRecordsPerBatch,
                timeZoneId,
                ERROR_ON_DUPLICATED_FIELD_NAMES,
                LARGE_VAR_TYPES,
                null);
        return CollectionConverters.asJava(batches);
    }

    private static boolean accept(ArrowBatchSink sink, byte[] batch) {
        try {
            return sink.accept(batch);
        } catch (InterruptedException e) {
            throw new SinkInterrupted(e);
        }
    }

    /** Carries an interruption through Spark's Scala frames, which take no checked exceptions. */
    private static final class SinkInterrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient InterruptedException interruption;

        SinkInterrupted(InterruptedException interruption) {
            super(interruption);
            this.interruption = interruption;
        }
    }
}
