package io.hearth.api.statement;

import java.util.List;

/** The columns of a result, in order. */
public record ResultSchema(List<ColumnInfo> columns) {
    public ResultSchema {
        columns = List.copyOf(columns);
    }
}
