package io.hearth.engine;

import java.util.Iterator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.ArrowUtils;

/**
 * The one place that touches Spark's internal Arrow API. Spark has no public way to turn a
 * DataFrame into Arrow batches (PySpark and Spark Connect use these private[sql] members, which
 * are public in bytecode), and going through Java Row objects is ~4x slower. If a Spark upgrade
 * breaks a signature, only this class changes.
 */
final class SparkArrowAdapter {
    /** Arrow's large (64-bit offset) string/binary vectors; off so any Arrow reader handles our output. */
    private static final boolean LARGE_VAR_TYPES = false;
    /** Arrow allows duplicate field names (e.g. {@code select 1 a, 2 a}); Spark Connect does not reject them either. */
    private static final boolean ERROR_ON_DUPLICATED_FIELD_NAMES = false;

    /** The Arrow schema Spark's converter writes batches for, given the same time zone. */
    Schema arrowSchema(StructType schema, String timeZoneId) {
        return ArrowUtils.toArrowSchema(schema, timeZoneId, ERROR_ON_DUPLICATED_FIELD_NAMES, LARGE_VAR_TYPES);
    }

    /**
     * Arrow record batches, each one encapsulated IPC message without schema, produced partition
     * by partition: one Spark job per partition, so the driver holds at most one partition's
     * batches. Runs in the calling thread's job group.
     */
    Iterator<byte[]> arrowBatches(Dataset<Row> dataset, int maxRecordsPerBatch, String timeZoneId) {
        org.apache.spark.sql.classic.Dataset<Row> classic = (org.apache.spark.sql.classic.Dataset<Row>) dataset;
        return classic.toArrowBatchRdd(maxRecordsPerBatch, timeZoneId, ERROR_ON_DUPLICATED_FIELD_NAMES, LARGE_VAR_TYPES)
                .toJavaRDD()
                .toLocalIterator();
    }
}
