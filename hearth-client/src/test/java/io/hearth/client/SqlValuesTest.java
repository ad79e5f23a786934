package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON values as the gateway renders them (docs/api.md) become Java values by Spark SQL type. */
class SqlValuesTest {
    @Test
    void convertsScalarsByTheirSparkType() {
        assertThat(convert("BIGINT", 7)).isEqualTo(7L);
        assertThat(convert("INT", 7)).isEqualTo(7);
        assertThat(convert("SMALLINT", 7)).isEqualTo((short) 7);
        assertThat(convert("TINYINT", 7)).isEqualTo((byte) 7);
        assertThat(convert("DOUBLE", 1.5)).isEqualTo(1.5d);
        assertThat(convert("DOUBLE", "NaN")).isEqualTo(Double.NaN);
        assertThat(convert("FLOAT", "-Infinity")).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(convert("FLOAT", 1.25)).isEqualTo(1.25f);
        assertThat(convert("DECIMAL(10,2)", "12.30")).isEqualTo(new BigDecimal("12.30"));
        assertThat(convert("BOOLEAN", true)).isEqualTo(true);
        assertThat(convert("STRING", "x")).isEqualTo("x");
        assertThat(convert("VARCHAR(3)", "x")).isEqualTo("x");
        assertThat((byte[]) convert("BINARY", "AQI=")).containsExactly(1, 2);
        assertThat(convert("DATE", "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(convert("TIMESTAMP", "2024-02-29T12:34:56.123456Z"))
                .isEqualTo(Instant.parse("2024-02-29T12:34:56.123456Z"));
        assertThat(convert("TIMESTAMP_NTZ", "2024-02-29T12:34:56.123456"))
                .isEqualTo(LocalDateTime.parse("2024-02-29T12:34:56.123456"));
        assertThat(convert("INTERVAL YEAR TO MONTH", "P1Y2M")).isEqualTo(Period.of(1, 2, 0));
        assertThat(convert("INTERVAL DAY TO SECOND", "PT26H3M4.000005S")).isEqualTo(Duration.parse("PT26H3M4.000005S"));
        assertThat(convert("BIGINT", null)).isNull();
        assertThat(convert("SOMETHING_NEW", "as sent")).isEqualTo("as sent");
    }

    @Test
    void convertsNestedValuesByTheirElementTypes() {
        assertThat(convert("ARRAY<BIGINT>", Arrays.asList(1, null, 3))).isEqualTo(Arrays.asList(1L, null, 3L));
        assertThat(convert("MAP<INT, DECIMAL(3,1)>", Map.of("1", "2.5"))).isEqualTo(Map.of(1, new BigDecimal("2.5")));
        assertThat(convert(
                        "STRUCT<`a b`: DATE NOT NULL, `c``d`: ARRAY<STRUCT<`e`: BIGINT>> COMMENT 'x, y'>",
                        Map.of("a b", "2024-01-01", "c`d", List.of(Map.of("e", 5)))))
                .isEqualTo(Map.of("a b", LocalDate.of(2024, 1, 1), "c`d", List.of(Map.of("e", 5L))));
    }

    private static Object convert(String type, Object value) {
        return SqlValues.converter(type).apply(value);
    }
}
