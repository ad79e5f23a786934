package io.hearth.engine;

import org.apache.spark.SparkContext;

/**
 * Each user's work runs in a FAIR scheduler pool of their own (created by Spark on first use, weight
 * 1), so in an engine shared by several users one user's big query does not starve another's small
 * one. The gateway starts shared engines with {@code spark.scheduler.mode=FAIR}; under FIFO the pool
 * is ignored.
 */
final class SchedulerPools {
    /** Spark's local property naming the pool of the jobs a thread submits. */
    static final String POOL_PROPERTY = "spark.scheduler.pool";

    private SchedulerPools() {}

    /** Puts the calling thread's Spark jobs in the user's pool until {@link #leave}. */
    static void enter(SparkContext context, String user) {
        context.setLocalProperty(POOL_PROPERTY, user == null || user.isEmpty() ? null : "user-" + user);
    }

    static void leave(SparkContext context) {
        context.setLocalProperty(POOL_PROPERTY, null);
    }
}
