package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.statement.ColumnInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row of a result, its values typed by their column's Spark SQL type: BOOLEAN as {@link
 * Boolean}; TINYINT, SMALLINT, INT, BIGINT as {@link Byte}, {@link Short}, {@link Integer}, {@link
 * Long}; FLOAT, DOUBLE as {@link Float}, {@link Double}; DECIMAL as {@link java.math.BigDecimal};
 * STRING as {@link String}; BINARY as {@code byte[]}; DATE as {@link java.time.LocalDate};
 * TIMESTAMP as {@link java.time.Instant}; TIMESTAMP_NTZ as {@link java.time.LocalDateTime};
 * year-month intervals as {@link java.time.Period}, day-time ones as {@link java.time.Duration};
 * ARRAY as {@link List}, MAP and STRUCT as {@link java.util.Map} (their values typed the same way);
 * NULL as null.
 *
 * @param columns the result's columns
 * @param values the values, one per column, in column order (nulls allowed)
 */
public record Row(List<ColumnInfo> columns, List<Object> values) {
    public Row {
        columns = List.copyOf(columns);
        values = Collections.unmodifiableList(new ArrayList<>(values));
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "a row of " + columns.size() + " columns cannot hold " + values.size() + " values");
        }
    }

    /** The value at a zero-based column position. */
    public Object get(int position) {
        return values.get(position);
    }

    /** The value of the first column of that name. */
    public Object get(String column) {
        return values.get(position(column));
    }

    /** The value at a position, as the given type (a {@link ClassCastException} if it is another). */
    public <T> T get(int position, Class<T> type) {
        return requireNonNull(type, "type is null").cast(values.get(position));
    }

    /** The value of a column, as the given type (a {@link ClassCastException} if it is another). */
    public <T> T get(String column, Class<T> type) {
        return requireNonNull(type, "type is null").cast(get(column));
    }

    public int size() {
        return values.size();
    }

    private int position(String column) {
        requireNonNull(column, "column is null");
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column named '" + column + "'");
    }
}
