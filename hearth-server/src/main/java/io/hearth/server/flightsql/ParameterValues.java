package io.hearth.server.flightsql;

import io.hearth.api.statement.StatementParameter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Turns the one-row Arrow batch a client binds to a prepared statement into the statement's named
 * parameters: each field's name is the parameter's name, its Arrow type chooses the Spark type,
 * and its value travels as text, as REST parameters do.
 */
final class ParameterValues {
    private ParameterValues() {}

    static List<StatementParameter> fromRow(VectorSchemaRoot root, int row) {
        List<StatementParameter> parameters = new ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
            String name = vector.getField().getName();
            ArrowType type = vector.getField().getType();
            String sparkType = sparkType(name, type);
            String value = vector.isNull(row) ? null : text(vector, type, row);
            parameters.add(new StatementParameter(name, value, sparkType));
        }
        return parameters;
    }

    private static String sparkType(String name, ArrowType type) {
        return switch (type.getTypeID()) {
            case Utf8, LargeUtf8, Null -> "STRING";
            case Bool -> "BOOLEAN";
            case Int ->
                switch (((ArrowType.Int) type).getBitWidth()) {
                    case 8 -> "TINYINT";
                    case 16 -> "SMALLINT";
                    case 32 -> "INT";
                    default -> "BIGINT";
                };
            case FloatingPoint ->
                ((ArrowType.FloatingPoint) type).getPrecision()
                                == org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE
                        ? "DOUBLE"
                        : "FLOAT";
            case Decimal -> {
                ArrowType.Decimal decimal = (ArrowType.Decimal) type;
                yield "DECIMAL(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
            }
            case Date -> "DATE";
            default ->
                throw CallStatus.INVALID_ARGUMENT
                        .withDescription("parameter \"" + name + "\" has Arrow type " + type
                                + ", which Hearth does not bind; use a string, number, boolean, decimal or date")
                        .toRuntimeException();
        };
    }

    private static String text(FieldVector vector, ArrowType type, int row) {
        Object value = vector.getObject(row);
        if (type instanceof ArrowType.Decimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (type instanceof ArrowType.Date date && date.getUnit() == DateUnit.DAY) {
            return LocalDate.ofEpochDay(((Number) value).longValue()).toString();
        }
        if (type instanceof ArrowType.Date) {
            return ((java.time.LocalDateTime) value).toLocalDate().toString();
        }
        return value.toString();
    }
}
