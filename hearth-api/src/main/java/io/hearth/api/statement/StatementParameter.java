package io.hearth.api.statement;

/**
 * A named parameter of a statement, bound to {@code :name} in the SQL text.
 *
 * @param name the name used in the SQL text, without the colon
 * @param value the value as a string, or null for SQL NULL
 * @param type a Spark SQL type name (BIGINT, STRING, DECIMAL(10,2), DATE, TIMESTAMP ...); STRING
 *     when null
 */
public record StatementParameter(String name, String value, String type) {}
