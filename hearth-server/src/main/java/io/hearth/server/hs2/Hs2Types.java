package io.hearth.server.hs2;

import io.hearth.api.statement.ColumnInfo;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hive.service.rpc.thrift.TColumnDesc;
import org.apache.hive.service.rpc.thrift.TPrimitiveTypeEntry;
import org.apache.hive.service.rpc.thrift.TTableSchema;
import org.apache.hive.service.rpc.thrift.TTypeDesc;
import org.apache.hive.service.rpc.thrift.TTypeEntry;
import org.apache.hive.service.rpc.thrift.TTypeId;
import org.apache.hive.service.rpc.thrift.TTypeQualifierValue;
import org.apache.hive.service.rpc.thrift.TTypeQualifiers;

/**
 * Spark's SQL types (as a result's manifest names them) and JDBC's {@link Types} (as a metadata
 * answer types its columns) in HiveServer2's terms, as the Spark Thrift Server reports them: arrays,
 * maps and structs keep their type id but travel as JSON text; intervals travel as text.
 */
final class Hs2Types {
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final Pattern LENGTH = Pattern.compile("(VARCHAR|CHAR)\\s*\\(\\s*(\\d+)\\s*\\)");

    private Hs2Types() {}

    /** A result's schema. */
    static TTableSchema schema(List<ColumnInfo> columns) {
        List<TColumnDesc> descriptions = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo column = columns.get(i);
            descriptions.add(new TColumnDesc(column.name(), typeDesc(column.type()), i + 1));
        }
        return new TTableSchema(descriptions);
    }

    /** A metadata answer's schema. */
    static TTableSchema metadataSchema(List<MetadataColumn> columns) {
        List<TColumnDesc> descriptions = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            MetadataColumn column = columns.get(i);
            descriptions.add(new TColumnDesc(
                    column.name(), primitive(new TPrimitiveTypeEntry(typeId(column.sqlType()))), i + 1));
        }
        return new TTableSchema(descriptions);
    }

    /** The type of a column of Spark's SQL type, e.g. {@code DECIMAL(10,2)} or {@code ARRAY<INT>}. */
    static TTypeDesc typeDesc(String sparkType) {
        String type = sparkType.trim().toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        if (type.equals("DECIMAL")) {
            return decimal(10, 0);
        }
        Matcher length = LENGTH.matcher(type);
        if (length.matches()) {
            TPrimitiveTypeEntry entry = new TPrimitiveTypeEntry(
                    length.group(1).equals("VARCHAR") ? TTypeId.VARCHAR_TYPE : TTypeId.CHAR_TYPE);
            entry.setTypeQualifiers(new TTypeQualifiers(
                    Map.of("characterMaximumLength", TTypeQualifierValue.i32Value(Integer.parseInt(length.group(2))))));
            return primitive(entry);
        }
        return primitive(new TPrimitiveTypeEntry(typeId(type)));
    }

    private static TTypeId typeId(String type) {
        if (type.startsWith("ARRAY")) {
            return TTypeId.ARRAY_TYPE;
        }
        if (type.startsWith("MAP")) {
            return TTypeId.MAP_TYPE;
        }
        if (type.startsWith("STRUCT")) {
            return TTypeId.STRUCT_TYPE;
        }
        return switch (type) {
            case "BOOLEAN" -> TTypeId.BOOLEAN_TYPE;
            case "TINYINT", "BYTE" -> TTypeId.TINYINT_TYPE;
            case "SMALLINT", "SHORT" -> TTypeId.SMALLINT_TYPE;
            case "INT", "INTEGER" -> TTypeId.INT_TYPE;
            case "BIGINT", "LONG" -> TTypeId.BIGINT_TYPE;
            case "FLOAT", "REAL" -> TTypeId.FLOAT_TYPE;
            case "DOUBLE" -> TTypeId.DOUBLE_TYPE;
            case "DATE" -> TTypeId.DATE_TYPE;
            case "TIMESTAMP", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ" -> TTypeId.TIMESTAMP_TYPE;
            case "BINARY" -> TTypeId.BINARY_TYPE;
            case "VOID", "NULL" -> TTypeId.NULL_TYPE;
            // STRING, intervals (their text is not Hive's interval text), and anything newer
            default -> TTypeId.STRING_TYPE;
        };
    }

    /** The type id of a metadata column of a {@link Types} type. */
    static TTypeId typeId(int sqlType) {
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> TTypeId.BOOLEAN_TYPE;
            case Types.TINYINT -> TTypeId.TINYINT_TYPE;
            case Types.SMALLINT -> TTypeId.SMALLINT_TYPE;
            case Types.INTEGER -> TTypeId.INT_TYPE;
            case Types.BIGINT -> TTypeId.BIGINT_TYPE;
            case Types.FLOAT, Types.REAL, Types.DOUBLE -> TTypeId.DOUBLE_TYPE;
            default -> TTypeId.STRING_TYPE;
        };
    }

    private static TTypeDesc decimal(int precision, int scale) {
        TPrimitiveTypeEntry entry = new TPrimitiveTypeEntry(TTypeId.DECIMAL_TYPE);
        entry.setTypeQualifiers(new TTypeQualifiers(Map.of(
                "precision", TTypeQualifierValue.i32Value(precision),
                "scale", TTypeQualifierValue.i32Value(scale))));
        return primitive(entry);
    }

    private static TTypeDesc primitive(TPrimitiveTypeEntry entry) {
        return new TTypeDesc(List.of(TTypeEntry.primitiveEntry(entry)));
    }
}
