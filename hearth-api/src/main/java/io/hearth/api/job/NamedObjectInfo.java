package io.hearth.api.job;

import java.time.Instant;

/**
 * An object a job kept on an engine ({@code JobContext.persist}), for later jobs on that engine.
 *
 * @param kind {@code DATASET} (or {@code VALUE})
 * @param type a Dataset's schema in Spark SQL type syntax, or a value's Java class
 * @param createdBy the job that kept it
 */
public record NamedObjectInfo(String name, String kind, String type, Instant createdAt, String createdBy) {}
