package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.protocol.v1.Parameter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterBinderTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private final ParameterBinder binder = new ParameterBinder();

    @Test
    void convertsEachSparkTypeToItsJavaValue() throws Exception {
        Map<String, Object> args = binder.bind(
                List.of(
                        parameter("bool", "BOOLEAN", "TRUE"),
                        parameter("tiny", "TINYINT", "-8"),
                        parameter("small", "SMALLINT", "300"),
                        parameter("int", "INT", "7"),
                        parameter("integer", "INTEGER", "8"),
                        parameter("big", "BIGINT", "9000000000"),
                        parameter("float", "FLOAT", "1.5"),
                        parameter("double", "DOUBLE", "2.25"),
                        parameter("decimal", "DECIMAL(10,2)", "3.1"),
                        parameter("string", "STRING", " a b "),
                        parameter("date", "DATE", "2024-02-29"),
                        parameter("ts", "TIMESTAMP", "2024-01-02T03:04:05Z"),
                        parameter("localTs", "TIMESTAMP", "2024-01-02 03:04:05"),
                        parameter("ntz", "TIMESTAMP_NTZ", "2024-01-02 03:04:05.123"),
                        parameter("binary", "BINARY", "AQID")),
                ZONE);

        assertThat(args)
                .containsEntry("bool", true)
                .containsEntry("tiny", (byte) -8)
                .containsEntry("small", (short) 300)
                .containsEntry("int", 7)
                .containsEntry("integer", 8)
                .containsEntry("big", 9000000000L)
                .containsEntry("float", 1.5f)
                .containsEntry("double", 2.25d)
                .containsEntry("decimal", new BigDecimal("3.10"))
                .containsEntry("string", " a b ")
                .containsEntry("date", LocalDate.of(2024, 2, 29))
                .containsEntry("ts", Instant.parse("2024-01-02T03:04:05Z"))
                .containsEntry("localTs", Instant.parse("2024-01-02T02:04:05Z"))
                .containsEntry("ntz", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000));
        assertThat((byte[]) args.get("binary")).containsExactly(1, 2, 3);
    }

    @Test
    void bindsNullsWhateverTheValue() throws Exception {
        Parameter nullInt = Parameter.newBuilder()
                .setName("n")
                .setType("INT")
                .setIsNull(true)
                .build();

        assertThat(binder.bind(List.of(nullInt), ZONE)).containsEntry("n", null);
    }

    @Test
    void rejectsValuesThatDoNotFitTheirTypeNamingTheParameter() {
        assertInvalid(parameter("p", "INT", "x"), "'p'");
        assertInvalid(parameter("p", "TINYINT", "300"), "TINYINT");
        assertInvalid(parameter("p", "BOOLEAN", "yes"), "BOOLEAN");
        assertInvalid(parameter("p", "DECIMAL(4,1)", "1.25"), "decimal places");
        assertInvalid(parameter("p", "DECIMAL(4,1)", "12345"), "DECIMAL(4,1)");
        assertInvalid(parameter("p", "DATE", "2024-02-30"), "DATE");
        assertInvalid(parameter("p", "BINARY", "!!"), "BINARY");
        assertInvalid(parameter("p", "WIDGET", "1"), "unknown type 'WIDGET'");
        assertInvalid(parameter("p", "ARRAY<INT>", "[1]"), "not supported");
    }

    private void assertInvalid(Parameter parameter, String messagePart) {
        assertThatThrownBy(() -> binder.bind(List.of(parameter), ZONE))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'" + parameter.getName() + "'")
                .hasMessageContaining(messagePart);
    }

    private static Parameter parameter(String name, String type, String value) {
        return Parameter.newBuilder()
                .setName(name)
                .setType(type)
                .setValue(value)
                .build();
    }
}
