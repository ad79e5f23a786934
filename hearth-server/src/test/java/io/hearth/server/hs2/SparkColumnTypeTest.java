package io.hearth.server.hs2;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Types;
import org.junit.jupiter.api.Test;

/** Types as Spark 4.2.0's DESCRIBE TABLE printed them (copied from a real run). */
class SparkColumnTypeTest {
    @Test
    void readsTheTypesDescribePrints() {
        assertThat(SparkColumnType.of("string collate UTF8_LCASE"))
                .isEqualTo(
                        new SparkColumnType("string collate UTF8_LCASE", Types.VARCHAR, Integer.MAX_VALUE, null, null));
        assertThat(SparkColumnType.of("varchar(5)"))
                .isEqualTo(new SparkColumnType("varchar(5)", Types.VARCHAR, 5, null, null));
        assertThat(SparkColumnType.of("variant"))
                .isEqualTo(new SparkColumnType("variant", Types.OTHER, null, null, null));
        assertThat(SparkColumnType.of("interval year to month").sqlType()).isEqualTo(Types.OTHER);
        assertThat(SparkColumnType.of("struct<a b:int,c:array<decimal(5,1)>>"))
                .isEqualTo(
                        new SparkColumnType("struct<a b:int,c:array<decimal(5,1)>>", Types.STRUCT, null, null, null));
        assertThat(SparkColumnType.of("decimal(38,18)"))
                .isEqualTo(new SparkColumnType("decimal(38,18)", Types.DECIMAL, 38, 18, 10));
        assertThat(SparkColumnType.of("void").sqlType()).isEqualTo(Types.NULL);
        assertThat(SparkColumnType.of("").sqlType()).isEqualTo(Types.OTHER);
        assertThat(SparkColumnType.of("something_new(1)").sqlType()).isEqualTo(Types.OTHER);
    }
}
