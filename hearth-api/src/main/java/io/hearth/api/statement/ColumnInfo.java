package io.hearth.api.statement;

/**
 * One column of a result.
 *
 * @param name the column's name
 * @param type Spark's SQL name of its type ({@code BIGINT}, {@code DECIMAL(10,2)}, {@code
 *     ARRAY<INT>} ...)
 * @param position its zero-based position
 * @param nullable whether it may hold nulls
 */
public record ColumnInfo(String name, String type, int position, boolean nullable) {}
