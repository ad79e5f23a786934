package io.hearth.server.hs2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hive.service.rpc.thrift.TColumn;
import org.apache.hive.service.rpc.thrift.TPrimitiveTypeEntry;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.hive.service.rpc.thrift.TTypeId;
import org.junit.jupiter.api.Test;

/** Spark's types and values in HiveServer2's terms, as the Spark Thrift Server reports them. */
class Hs2TypesTest {
    private static TPrimitiveTypeEntry entry(String sparkType) {
        return Hs2Types.typeDesc(sparkType).getTypes().get(0).getPrimitiveEntry();
    }

    @Test
    void sparkTypesHaveHiveTypeIdsWithTheirQualifiers() {
        assertThat(entry("BIGINT").getType()).isEqualTo(TTypeId.BIGINT_TYPE);
        assertThat(entry("timestamp_ntz").getType()).isEqualTo(TTypeId.TIMESTAMP_TYPE);
        assertThat(entry("ARRAY<STRUCT<a: INT>>").getType()).isEqualTo(TTypeId.ARRAY_TYPE);
        assertThat(entry("MAP<STRING, INT>").getType()).isEqualTo(TTypeId.MAP_TYPE);
        assertThat(entry("STRUCT<a: INT, b: STRING>").getType()).isEqualTo(TTypeId.STRUCT_TYPE);
        assertThat(entry("INTERVAL DAY TO SECOND").getType()).isEqualTo(TTypeId.STRING_TYPE);
        assertThat(entry("VOID").getType()).isEqualTo(TTypeId.NULL_TYPE);

        TPrimitiveTypeEntry decimal = entry("DECIMAL(38, 18)");
        assertThat(decimal.getType()).isEqualTo(TTypeId.DECIMAL_TYPE);
        assertThat(decimal.getTypeQualifiers().getQualifiers().get("precision").getI32Value())
                .isEqualTo(38);
        assertThat(decimal.getTypeQualifiers().getQualifiers().get("scale").getI32Value())
                .isEqualTo(18);
        TPrimitiveTypeEntry varchar = entry("VARCHAR(20)");
        assertThat(varchar.getType()).isEqualTo(TTypeId.VARCHAR_TYPE);
        assertThat(varchar.getTypeQualifiers()
                        .getQualifiers()
                        .get("characterMaximumLength")
                        .getI32Value())
                .isEqualTo(20);
        assertThat(entry("CHAR(3)").getType()).isEqualTo(TTypeId.CHAR_TYPE);
    }

    @Test
    void metadataColumnsTravelByTheirJdbcType() {
        assertThat(Hs2Types.typeId(Types.INTEGER)).isEqualTo(TTypeId.INT_TYPE);
        assertThat(Hs2Types.typeId(Types.SMALLINT)).isEqualTo(TTypeId.SMALLINT_TYPE);
        assertThat(Hs2Types.typeId(Types.VARCHAR)).isEqualTo(TTypeId.STRING_TYPE);
        assertThat(Hs2Types.typeId(Types.BOOLEAN)).isEqualTo(TTypeId.BOOLEAN_TYPE);
    }

    @Test
    void nullsAreABitmapLeastSignificantBitFirst() {
        RowSetBuilder rows = new RowSetBuilder(List.of(RowSetBuilder.Kind.LONG), true, 0);
        for (int i = 0; i < 10; i++) {
            rows.add(0, i == 1 || i == 8 ? null : (long) i);
        }
        TRowSet built = rows.build();

        TColumn column = built.getColumns().get(0);
        assertThat(column.getI64Val().getValues()).containsExactly(0L, 0L, 2L, 3L, 4L, 5L, 6L, 7L, 0L, 9L);
        ByteBuffer nulls = ByteBuffer.wrap(column.getI64Val().getNulls());
        assertThat(nulls.get(0)).isEqualTo((byte) 0b0000_0010);
        assertThat(nulls.get(1)).isEqualTo((byte) 0b0000_0001);
    }

    @Test
    void rowSetsBeforeV6AreRowByRow() {
        RowSetBuilder rows = new RowSetBuilder(List.of(RowSetBuilder.Kind.INT, RowSetBuilder.Kind.STRING), false, 5);
        rows.add(0, 7);
        rows.add(1, null);
        TRowSet built = rows.build();

        assertThat(built.getStartRowOffset()).isEqualTo(5);
        assertThat(built.isSetColumns()).isFalse();
        assertThat(built.getRows()).hasSize(1);
        assertThat(built.getRows().get(0).getColVals().get(0).getI32Val().getValue())
                .isEqualTo(7);
        assertThat(built.getRows().get(0).getColVals().get(1).getStringVal().isSetValue())
                .isFalse();
    }

    @Test
    void timestampsAreTheTextJavaSqlTimestampReadsInTheSessionsZone() {
        Instant instant = Instant.parse("2024-05-01T10:00:00.120Z");
        assertThat(ArrowValues.timestamp(instant, ZoneOffset.UTC)).isEqualTo("2024-05-01 10:00:00.12");
        assertThat(ArrowValues.timestamp(instant, ZoneId.of("Europe/Paris"))).isEqualTo("2024-05-01 12:00:00.12");
        assertThat(ArrowValues.timestamp(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC))
                .isEqualTo("2024-05-01 10:00:00");
    }
}
