package io.hearth.server.hs2;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TOperationState;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TTableSchema;

/** A metadata operation (GetTables, ...): its whole answer was computed when it was asked for. */
final class MetadataOperation extends Hs2Operation {
    private final MetadataResult result;
    private final List<RowSetBuilder.Kind> kinds;
    private int position;

    MetadataOperation(Hs2Handles.Key key, Hs2Session session, TOperationType type, MetadataResult result) {
        super(key, session, type);
        this.result = requireNonNull(result, "result is null");
        List<RowSetBuilder.Kind> columnKinds = new ArrayList<>();
        for (MetadataColumn column : result.columns()) {
            columnKinds.add(RowSetBuilder.Kind.ofSqlType(column.sqlType()));
        }
        this.kinds = List.copyOf(columnKinds);
    }

    @Override
    TGetOperationStatusResp status() {
        TGetOperationStatusResp status = new TGetOperationStatusResp(Hs2Errors.ok());
        status.setOperationState(TOperationState.FINISHED_STATE);
        status.setHasResultSet(true);
        return status;
    }

    @Override
    TTableSchema schema() {
        return Hs2Types.metadataSchema(result.columns());
    }

    @Override
    synchronized Fetched fetch(TFetchOrientation orientation, int maxRows) {
        if (orientation == TFetchOrientation.FETCH_FIRST) {
            position = 0;
        }
        RowSetBuilder rows = new RowSetBuilder(kinds, session().columnar(), position);
        int end = Math.min(result.rows().size(), position + maxRows);
        for (; position < end; position++) {
            List<Object> row = result.rows().get(position);
            for (int column = 0; column < kinds.size(); column++) {
                rows.add(column, value(kinds.get(column), row.get(column)));
            }
        }
        return new Fetched(rows.build(), position < result.rows().size());
    }

    /** A value as its column's kind carries it (a row may hold an Integer where a Short goes). */
    private static Object value(RowSetBuilder.Kind kind, Object value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case BOOLEAN -> value instanceof Boolean ? value : Boolean.valueOf(value.toString());
            case BYTE -> ((Number) value).byteValue();
            case SHORT -> ((Number) value).shortValue();
            case INT -> ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case STRING -> value.toString();
            case BINARY -> value;
        };
    }

    @Override
    void cancel() {}

    @Override
    public void close() {}
}
