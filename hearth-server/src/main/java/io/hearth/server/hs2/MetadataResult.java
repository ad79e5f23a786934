package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows a metadata operation answers with. A row's values are in the order of {@code columns}:
 * {@code String}, {@code Integer}, {@code Short}, {@code Long}, {@code Boolean} or {@code null}.
 */
public record MetadataResult(List<MetadataColumn> columns, List<List<Object>> rows) {
    public MetadataResult {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "a row has " + row.size() + " values for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** An answer with no rows. */
    public static MetadataResult empty(List<MetadataColumn> columns) {
        return new MetadataResult(columns, List.of());
    }
}
