package io.hearth.engine;

import io.hearth.protocol.v1.Parameter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Turns the protocol's string-valued parameters into the Java values {@code spark.sql(sql, args)}
 * binds as typed literals.
 */
final class ParameterBinder {

    /**
     * @param sessionZone the zone of a TIMESTAMP value written without an offset
     */
    Map<String, Object> bind(List<Parameter> parameters, ZoneId sessionZone) throws InvalidParameterException {
        Map<String, Object> args = new HashMap<>();
        for (Parameter parameter : parameters) {
            if (parameter.getName().isEmpty()) {
                throw new InvalidParameterException("a parameter has no name");
            }
            DataType type = parseType(parameter);
            Object value = parameter.getIsNull() ? null : convert(parameter, type, sessionZone);
            if (args.containsKey(parameter.getName())) {
                throw new InvalidParameterException("parameter '" + parameter.getName() + "' is given twice");
            }
            // Spark binds a null as an untyped NULL literal and a decimal with the value's own precision
            // (scale as declared): spark.sql(sql, args) takes values, not typed literals.
            args.put(parameter.getName(), value);
        }
        return args;
    }

    private static DataType parseType(Parameter parameter) throws InvalidParameterException {
        try {
            return DataType.fromDDL(parameter.getType());
        } catch (Exception e) { // Spark's ParseException is checked in Java's eyes
            throw invalid(parameter, "unknown type '" + parameter.getType() + "'");
        }
    }

    private static Object convert(Parameter parameter, DataType type, ZoneId sessionZone)
            throws InvalidParameterException {
        String value = parameter.getValue();
        try {
            if (type instanceof BooleanType) {
                return parseBoolean(value);
            } else if (type instanceof ByteType) {
                return Byte.parseByte(value.trim());
            } else if (type instanceof ShortType) {
                return Short.parseShort(value.trim());
            } else if (type instanceof IntegerType) {
                return Integer.parseInt(value.trim());
            } else if (type instanceof LongType) {
                return Long.parseLong(value.trim());
            } else if (type instanceof FloatType) {
                return Float.parseFloat(value.trim());
            } else if (type instanceof DoubleType) {
                return Double.parseDouble(value.trim());
            } else if (type instanceof DecimalType decimal) {
                return parseDecimal(parameter, decimal);
            } else if (type instanceof StringType) {
                return value;
            } else if (type instanceof DateType) {
                return LocalDate.parse(value.trim());
            } else if (type instanceof TimestampType) {
                return parseTimestamp(value.trim(), sessionZone);
            } else if (type instanceof TimestampNTZType) {
                return LocalDateTime.parse(value.trim().replace(' ', 'T'));
            } else if (type instanceof BinaryType) {
                return Base64.getDecoder().decode(value.trim());
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(parameter, "value is not a valid " + type.sql());
        } catch (IllegalArgumentException e) {
            // Base64 and boolean parsing failures
            throw invalid(parameter, "value is not a valid " + type.sql());
        }
        throw invalid(parameter, "type " + type.sql() + " is not supported for parameters");
    }

    private static Boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static BigDecimal parseDecimal(Parameter parameter, DecimalType type) throws InvalidParameterException {
        BigDecimal parsed = new BigDecimal(parameter.getValue().trim());
        BigDecimal scaled;
        try {
            scaled = parsed.setScale(type.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw invalid(parameter, "value has more than " + type.scale() + " decimal places");
        }
        if (scaled.precision() > type.precision()) {
            throw invalid(parameter, "value does not fit " + type.sql());
        }
        return scaled;
    }

    private static Instant parseTimestamp(String value, ZoneId sessionZone) {
        String iso = value.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(iso).atZone(sessionZone).toInstant();
        }
    }

    private static InvalidParameterException invalid(Parameter parameter, String reason) {
        return new InvalidParameterException("parameter '" + parameter.getName() + "': " + reason);
    }
}
