package io.hearth.server.hs2;

import java.nio.ByteBuffer;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.hive.service.rpc.thrift.TBinaryColumn;
import org.apache.hive.service.rpc.thrift.TBoolColumn;
import org.apache.hive.service.rpc.thrift.TBoolValue;
import org.apache.hive.service.rpc.thrift.TByteColumn;
import org.apache.hive.service.rpc.thrift.TByteValue;
import org.apache.hive.service.rpc.thrift.TColumn;
import org.apache.hive.service.rpc.thrift.TColumnValue;
import org.apache.hive.service.rpc.thrift.TDoubleColumn;
import org.apache.hive.service.rpc.thrift.TDoubleValue;
import org.apache.hive.service.rpc.thrift.TI16Column;
import org.apache.hive.service.rpc.thrift.TI16Value;
import org.apache.hive.service.rpc.thrift.TI32Column;
import org.apache.hive.service.rpc.thrift.TI32Value;
import org.apache.hive.service.rpc.thrift.TI64Column;
import org.apache.hive.service.rpc.thrift.TI64Value;
import org.apache.hive.service.rpc.thrift.TRow;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.hive.service.rpc.thrift.TStringColumn;
import org.apache.hive.service.rpc.thrift.TStringValue;

/**
 * Collects the values of one FetchResults answer and builds its {@link TRowSet}: columnar (one
 * TColumn per column, nulls as a bitmap) for protocol V6 and later, row by row before.
 */
final class RowSetBuilder {
    /** How a column's values travel. */
    enum Kind {
        BOOLEAN,
        BYTE,
        SHORT,
        INT,
        LONG,
        DOUBLE,
        STRING,
        BINARY;

        /** How values of a metadata column of a {@link Types} type travel. */
        static Kind ofSqlType(int sqlType) {
            return switch (sqlType) {
                case Types.BOOLEAN, Types.BIT -> BOOLEAN;
                case Types.TINYINT -> BYTE;
                case Types.SMALLINT -> SHORT;
                case Types.INTEGER -> INT;
                case Types.BIGINT -> LONG;
                case Types.FLOAT, Types.REAL, Types.DOUBLE -> DOUBLE;
                default -> STRING;
            };
        }
    }

    private final List<Kind> kinds;
    private final boolean columnar;
    private final long startRowOffset;
    private final List<List<Object>> columns;
    private int rows;

    RowSetBuilder(List<Kind> kinds, boolean columnar, long startRowOffset) {
        this.kinds = List.copyOf(kinds);
        this.columnar = columnar;
        this.startRowOffset = startRowOffset;
        this.columns = new ArrayList<>(kinds.size());
        for (int i = 0; i < kinds.size(); i++) {
            columns.add(new ArrayList<>());
        }
    }

    /**
     * Adds a value to a column: a {@code Boolean}, {@code Byte}, {@code Short}, {@code Integer},
     * {@code Long}, {@code Double}, {@code String} or {@code byte[]} as the column's kind says, or
     * null. Every column gets one value per row.
     */
    void add(int column, Object value) {
        columns.get(column).add(value);
        if (column == kinds.size() - 1) {
            rows++;
        }
    }

    int rows() {
        return rows;
    }

    TRowSet build() {
        TRowSet rowSet = new TRowSet(startRowOffset, new ArrayList<>());
        if (columnar) {
            List<TColumn> built = new ArrayList<>(kinds.size());
            for (int i = 0; i < kinds.size(); i++) {
                built.add(column(kinds.get(i), columns.get(i)));
            }
            rowSet.setColumns(built);
        } else {
            for (int row = 0; row < rows; row++) {
                List<TColumnValue> values = new ArrayList<>(kinds.size());
                for (int i = 0; i < kinds.size(); i++) {
                    values.add(value(kinds.get(i), columns.get(i).get(row)));
                }
                rowSet.addToRows(new TRow(values));
            }
        }
        return rowSet;
    }

    private static TColumn column(Kind kind, List<Object> values) {
        int size = values.size();
        ByteBuffer nulls = nulls(values);
        return switch (kind) {
            case BOOLEAN -> TColumn.boolVal(new TBoolColumn(filled(values, Boolean.FALSE), nulls));
            case BYTE -> TColumn.byteVal(new TByteColumn(filled(values, (byte) 0), nulls));
            case SHORT -> TColumn.i16Val(new TI16Column(filled(values, (short) 0), nulls));
            case INT -> TColumn.i32Val(new TI32Column(filled(values, 0), nulls));
            case LONG -> TColumn.i64Val(new TI64Column(filled(values, 0L), nulls));
            case DOUBLE -> TColumn.doubleVal(new TDoubleColumn(filled(values, 0.0), nulls));
            case STRING -> TColumn.stringVal(new TStringColumn(filled(values, ""), nulls));
            case BINARY -> {
                List<ByteBuffer> buffers = new ArrayList<>(size);
                for (Object value : values) {
                    buffers.add(value == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap((byte[]) value));
                }
                yield TColumn.binaryVal(new TBinaryColumn(buffers, nulls));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> filled(List<Object> values, T placeholder) {
        List<T> filled = new ArrayList<>(values.size());
        for (Object value : values) {
            filled.add(value == null ? placeholder : (T) value);
        }
        return filled;
    }

    /** A bit per value, set for a null, least significant bit first (as Hive's clients read it). */
    private static ByteBuffer nulls(List<Object> values) {
        byte[] bits = new byte[(values.size() + 7) / 8];
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                bits[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return ByteBuffer.wrap(bits);
    }

    private static TColumnValue value(Kind kind, Object value) {
        if (value == null) {
            return TColumnValue.stringVal(new TStringValue());
        }
        switch (kind) {
            case BOOLEAN -> {
                TBoolValue bool = new TBoolValue();
                bool.setValue((Boolean) value);
                return TColumnValue.boolVal(bool);
            }
            case BYTE -> {
                TByteValue number = new TByteValue();
                number.setValue((Byte) value);
                return TColumnValue.byteVal(number);
            }
            case SHORT -> {
                TI16Value number = new TI16Value();
                number.setValue((Short) value);
                return TColumnValue.i16Val(number);
            }
            case INT -> {
                TI32Value number = new TI32Value();
                number.setValue((Integer) value);
                return TColumnValue.i32Val(number);
            }
            case LONG -> {
                TI64Value number = new TI64Value();
                number.setValue((Long) value);
                return TColumnValue.i64Val(number);
            }
            case DOUBLE -> {
                TDoubleValue number = new TDoubleValue();
                number.setValue((Double) value);
                return TColumnValue.doubleVal(number);
            }
            case STRING -> {
                TStringValue text = new TStringValue();
                text.setValue((String) value);
                return TColumnValue.stringVal(text);
            }
            case BINARY -> {
                // row sets before V6 have no binary value: Hive sends the bytes as a string too
                TStringValue text = new TStringValue();
                text.setValue(new String((byte[]) value, java.nio.charset.StandardCharsets.UTF_8));
                return TColumnValue.stringVal(text);
            }
        }
        throw new IllegalStateException("unknown kind " + kind);
    }
}
