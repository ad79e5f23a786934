package io.hearth.server.hs2;

import static io.hearth.server.hs2.ScriptedQueries.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.api.ErrorCode;
import io.hearth.server.auth.Principal;
import io.hearth.server.session.SessionId;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metadata answers, from scripted engine answers. The scripted rows are copies of what Spark
 * 4.2.0 answered these SQL texts in a local SparkSession holding: databases {@code hs_db} and
 * {@code hs_x1} (empty); {@code hs_db.t1} (parquet, partitioned by {@code p}) with decimal,
 * varchar, char, array, struct, map, timestamp, interval ... columns; a view {@code hs_db.v1}; a
 * temp view {@code tv1}; a global temp view {@code gtv}; a function {@code hs_db.myfn}. (Spark
 * lists a session's temp views in every schema, with an empty namespace, as copied here.)
 */
class Hs2CatalogTest {
    private static final Principal ALICE = new Principal("alice");
    private static final SessionId SESSION = new SessionId("session-1");

    private static final Object[] TEMP_VIEW = row("", "tv1", true);

    private final ScriptedQueries spark = sparkAnswers();
    private final Hs2Catalog catalog = new Hs2Catalog(spark);

    @Test
    void listsTheCatalogsSparkShows() {
        MetadataResult result = catalog.catalogs(ALICE, SESSION);

        assertThat(names(result)).containsExactly("TABLE_CAT");
        assertThat(result.rows()).containsExactly(List.of("spark_catalog"));
        assertThat(spark.sqlAsked()).containsExactly("SHOW CATALOGS");
    }

    @Test
    void listsSchemasOfEveryCatalogOrderedWithTheGlobalTempSchema() {
        MetadataResult result = catalog.schemas(ALICE, SESSION, null, null);

        assertThat(names(result)).containsExactly("TABLE_SCHEM", "TABLE_CATALOG");
        assertThat(result.rows())
                .containsExactly(
                        List.of("default", "spark_catalog"),
                        List.of("global_temp", "spark_catalog"),
                        List.of("hs_db", "spark_catalog"),
                        List.of("hs_x1", "spark_catalog"));
        assertThat(spark.sqlAsked()).containsExactly("SHOW CATALOGS", "SHOW NAMESPACES IN `spark_catalog`");
    }

    @Test
    void matchesSchemaPatternsTheJdbcWay() {
        assertThat(schemaNames(catalog.schemas(ALICE, SESSION, "spark_catalog", "hs%")))
                .containsExactly("hs_db", "hs_x1");
        assertThat(schemaNames(catalog.schemas(ALICE, SESSION, "spark_catalog", "hs_d_")))
                .as("_ is any one character, unlike in Spark's SHOW ... LIKE")
                .containsExactly("hs_db");
        assertThat(schemaNames(catalog.schemas(ALICE, SESSION, "", "HS\\_X%")))
                .as("an escaped _ is itself; case does not matter, as in Spark's names")
                .containsExactly("hs_x1");
        assertThat(schemaNames(catalog.schemas(ALICE, SESSION, null, "hs\\_"))).isEmpty();
    }

    @Test
    void aCatalogSparkDoesNotListHasNoSchemasAndIsNeverTakenForASchema() {
        // SHOW NAMESPACES IN `hs_db` would list hs_db's namespaces: Spark reads an unknown catalog as a schema
        assertThat(catalog.schemas(ALICE, SESSION, "hs_db", null).rows()).isEmpty();
        assertThat(catalog.tables(ALICE, SESSION, "nocat", null, null, null).rows())
                .isEmpty();
        assertThat(spark.sqlAsked()).containsOnly("SHOW CATALOGS");
    }

    @Test
    void listsTablesAndViewsOrderedByTypeCatalogSchemaAndName() {
        MetadataResult result = catalog.tables(ALICE, SESSION, null, null, null, null);

        assertThat(names(result))
                .containsExactly(
                        "TABLE_CAT",
                        "TABLE_SCHEM",
                        "TABLE_NAME",
                        "TABLE_TYPE",
                        "REMARKS",
                        "TYPE_CAT",
                        "TYPE_SCHEM",
                        "TYPE_NAME",
                        "SELF_REFERENCING_COL_NAME",
                        "REF_GENERATION");
        assertThat(result.rows().stream().map(row -> row.subList(0, 4)).toList())
                .containsExactly(
                        Arrays.asList("spark_catalog", "hs_db", "t1", "TABLE"),
                        Arrays.asList(null, null, "tv1", "VIEW"),
                        Arrays.asList("spark_catalog", "global_temp", "gtv", "VIEW"),
                        Arrays.asList("spark_catalog", "hs_db", "v1", "VIEW"));
    }

    @Test
    void filtersTablesBySchemaNameAndType() {
        assertThat(tableNames(catalog.tables(ALICE, SESSION, "spark_catalog", "hs_db", null, null)))
                .as("a session's temp views belong to no schema")
                .containsExactly("t1", "v1");
        assertThat(tableNames(catalog.tables(ALICE, SESSION, null, "%", "%1", List.of("view"))))
                .containsExactly("tv1", "v1");
        assertThat(tableNames(catalog.tables(ALICE, SESSION, null, null, "T_", List.of("TABLE"))))
                .containsExactly("t1");
        assertThat(tableNames(catalog.tables(ALICE, SESSION, null, null, null, List.of("SYSTEM TABLE"))))
                .isEmpty();
        assertThat(tableNames(catalog.tables(ALICE, SESSION, null, "hs_db", null, List.of())))
                .as("no types: no filter, as with null")
                .containsExactly("t1", "v1");
    }

    @Test
    void aSchemaDroppedWhileListingListsNothing() {
        spark.fail("SHOW VIEWS IN `spark_catalog`.`hs_db`", "SCHEMA_NOT_FOUND", "42704")
                .fail("SHOW TABLES IN `spark_catalog`.`hs_db`", "SCHEMA_NOT_FOUND", "42704");

        assertThat(tableNames(catalog.tables(ALICE, SESSION, null, "hs%", null, null)))
                .isEmpty();
    }

    @Test
    void anEngineFailureSurfacesWithSparksConditionAndSqlState() {
        spark.fail("SHOW NAMESPACES IN `spark_catalog`", "INSUFFICIENT_PERMISSIONS", "42501");

        assertThatThrownBy(() -> catalog.tables(ALICE, SESSION, null, null, null, null))
                .isInstanceOfSatisfying(QueryFailedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SQL_ERROR);
                    assertThat(e.error().errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
                    assertThat(e.error().sqlState()).isEqualTo("42501");
                });
    }

    @Test
    void describesColumnsWithExactTypes() {
        MetadataResult result = catalog.columns(ALICE, SESSION, null, "hs_db", "t1", null);

        assertThat(names(result))
                .containsExactly(
                        "TABLE_CAT",
                        "TABLE_SCHEM",
                        "TABLE_NAME",
                        "COLUMN_NAME",
                        "DATA_TYPE",
                        "TYPE_NAME",
                        "COLUMN_SIZE",
                        "BUFFER_LENGTH",
                        "DECIMAL_DIGITS",
                        "NUM_PREC_RADIX",
                        "NULLABLE",
                        "REMARKS",
                        "COLUMN_DEF",
                        "SQL_DATA_TYPE",
                        "SQL_DATETIME_SUB",
                        "CHAR_OCTET_LENGTH",
                        "ORDINAL_POSITION",
                        "IS_NULLABLE",
                        "SCOPE_CATALOG",
                        "SCOPE_SCHEMA",
                        "SCOPE_TABLE",
                        "SOURCE_DATA_TYPE",
                        "IS_AUTOINCREMENT",
                        "IS_GENERATEDCOLUMN");
        assertThat(result.columns().get(4).sqlType()).isEqualTo(Types.INTEGER);
        List<List<Object>> rows = result.rows();
        assertThat(rows).as("the partition section repeats p; it is left out").hasSize(20);
        // COLUMN_NAME, DATA_TYPE, TYPE_NAME, COLUMN_SIZE, DECIMAL_DIGITS, NUM_PREC_RADIX
        assertThat(typeOf(rows, "id")).containsExactly("id", Types.INTEGER, "int", 10, 0, 10);
        assertThat(typeOf(rows, "amount")).containsExactly("amount", Types.DECIMAL, "decimal(10,2)", 10, 2, 10);
        assertThat(typeOf(rows, "name")).containsExactly("name", Types.VARCHAR, "varchar(20)", 20, null, null);
        assertThat(typeOf(rows, "code")).containsExactly("code", Types.CHAR, "char(3)", 3, null, null);
        assertThat(typeOf(rows, "tags")).containsExactly("tags", Types.ARRAY, "array<string>", null, null, null);
        assertThat(typeOf(rows, "addr"))
                .containsExactly("addr", Types.STRUCT, "struct<street:string,zip:int>", null, null, null);
        assertThat(typeOf(rows, "m")).containsExactly("m", Types.JAVA_OBJECT, "map<string,bigint>", null, null, null);
        assertThat(typeOf(rows, "ts")).containsExactly("ts", Types.TIMESTAMP, "timestamp", 26, 6, null);
        assertThat(typeOf(rows, "tsn")).containsExactly("tsn", Types.TIMESTAMP, "timestamp_ntz", 26, 6, null);
        assertThat(typeOf(rows, "d")).containsExactly("d", Types.DATE, "date", 10, null, null);
        assertThat(typeOf(rows, "b")).containsExactly("b", Types.BINARY, "binary", Integer.MAX_VALUE, null, null);
        assertThat(typeOf(rows, "f")).containsExactly("f", Types.FLOAT, "float", 7, 7, 10);
        assertThat(typeOf(rows, "db")).containsExactly("db", Types.DOUBLE, "double", 15, 15, 10);
        assertThat(typeOf(rows, "bo")).containsExactly("bo", Types.BOOLEAN, "boolean", null, null, null);
        assertThat(typeOf(rows, "ti")).containsExactly("ti", Types.TINYINT, "tinyint", 3, 0, 10);
        assertThat(typeOf(rows, "si")).containsExactly("si", Types.SMALLINT, "smallint", 5, 0, 10);
        assertThat(typeOf(rows, "bi")).containsExactly("bi", Types.BIGINT, "bigint", 19, 0, 10);
        assertThat(typeOf(rows, "iv")).containsExactly("iv", Types.OTHER, "interval day to second", null, null, null);
        assertThat(typeOf(rows, "s")).containsExactly("s", Types.VARCHAR, "string", Integer.MAX_VALUE, null, null);

        List<Object> commented = rowOf(rows, "s");
        assertThat(commented.subList(0, 3)).containsExactly("spark_catalog", "hs_db", "t1");
        assertThat(commented.get(10)).isEqualTo(DatabaseMetaData.columnNullable);
        assertThat(commented.get(11)).isEqualTo("a comment");
        assertThat(commented.get(16)).isEqualTo(19);
        assertThat(commented.get(17)).isEqualTo("YES");
        assertThat(rowOf(rows, "p").get(16)).isEqualTo(20);
        assertThat(rowOf(rows, "id").get(11)).as("no comment").isNull();
    }

    @Test
    void ordersColumnsByTableThenOrdinalAndMatchesColumnPatterns() {
        MetadataResult result = catalog.columns(ALICE, SESSION, null, null, "%v%", "%o%");

        assertThat(result.rows().stream()
                        .map(row -> row.get(2) + "." + row.get(3) + "#" + row.get(16))
                        .toList())
                .containsExactly("tv1.one#1", "tv1.two#2", "gtv.one#1", "v1.amount#2");
        assertThat(spark.sqlAsked())
                .contains(
                        "DESCRIBE TABLE `tv1`",
                        "DESCRIBE TABLE `global_temp`.`gtv`",
                        "DESCRIBE TABLE `spark_catalog`.`hs_db`.`v1`");
    }

    @Test
    void aTableDroppedWhileListingHasNoColumns() {
        spark.fail("DESCRIBE TABLE `spark_catalog`.`hs_db`.`t1`", "TABLE_OR_VIEW_NOT_FOUND", "42P01");

        assertThat(catalog.columns(ALICE, SESSION, null, "hs_db", null, "amount")
                        .rows())
                .extracting(row -> row.get(2))
                .containsExactly("v1");
    }

    @Test
    void clientTextNeverReachesTheSql() {
        List<String> attacks = List.of("x`; DROP TABLE hs_db.t1; --", "%' OR '1'='1", "hs_db`.`t1", "\\", "%\\");
        for (String attack : attacks) {
            catalog.schemas(ALICE, SESSION, null, attack);
            catalog.tables(ALICE, SESSION, null, attack, attack, List.of(attack));
            catalog.columns(ALICE, SESSION, null, "hs_db", attack, attack);
            catalog.functions(ALICE, SESSION, null, attack, attack);
        }
        // only what the script knows ran (an unscripted text fails the test), and none holds client text
        assertThat(spark.sqlAsked()).allSatisfy(sql -> assertThat(sql).doesNotContain("DROP", "OR '1'", "\\"));
    }

    @Test
    void quotesNamesSparkListsWithBackticksDoubled() {
        ScriptedQueries odd = new ScriptedQueries()
                .answer("SHOW CATALOGS", row("spark_catalog"))
                .answer("SHOW NAMESPACES IN `spark_catalog`", row("we`ird"))
                .answer("SHOW VIEWS IN `spark_catalog`.`we``ird`")
                .answer("SHOW TABLES IN `spark_catalog`.`we``ird`", row("we`ird", "a`b", false))
                .answer("SHOW VIEWS IN `spark_catalog`.`global_temp`")
                .answer("SHOW TABLES IN `spark_catalog`.`global_temp`")
                .answer("SHOW VIEWS")
                .answer("DESCRIBE TABLE `spark_catalog`.`we``ird`.`a``b`", row("c", "int", null));

        MetadataResult result = new Hs2Catalog(odd).columns(ALICE, SESSION, null, null, null, null);

        assertThat(result.rows()).extracting(row -> row.get(3)).containsExactly("c");
    }

    @Test
    void listsBuiltInFunctionsAndEachSchemasOwn() {
        MetadataResult result = catalog.functions(ALICE, SESSION, null, null, null);

        assertThat(names(result))
                .containsExactly(
                        "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME");
        assertThat(result.rows().stream()
                        .map(row -> row.get(1) + "." + row.get(2))
                        .toList())
                .containsExactly("null.!", "null.abs", "null.date", "null.date_add", "null.dateadd", "hs_db.myfn");
        assertThat(result.rows().get(5))
                .containsExactly(
                        "spark_catalog", "hs_db", "myfn", null, (short) DatabaseMetaData.functionResultUnknown, "myfn");
        assertThat(catalog.functions(ALICE, SESSION, null, null, "DATE\\_%").rows())
                .extracting(row -> row.get(2))
                .containsExactly("date_add");
        assertThat(catalog.functions(ALICE, SESSION, null, "hs_db", null).rows())
                .as("built-in functions belong to no schema")
                .extracting(row -> row.get(2))
                .containsExactly("myfn");
    }

    @Test
    void answersTableTypesAndTypeInfoOrderedByDataType() {
        assertThat(catalog.tableTypes().rows()).containsExactly(List.of("TABLE"), List.of("VIEW"));

        MetadataResult types = catalog.typeInfo();
        assertThat(names(types))
                .containsExactly(
                        "TYPE_NAME",
                        "DATA_TYPE",
                        "PRECISION",
                        "LITERAL_PREFIX",
                        "LITERAL_SUFFIX",
                        "CREATE_PARAMS",
                        "NULLABLE",
                        "CASE_SENSITIVE",
                        "SEARCHABLE",
                        "UNSIGNED_ATTRIBUTE",
                        "FIXED_PREC_SCALE",
                        "AUTO_INCREMENT",
                        "LOCAL_TYPE_NAME",
                        "MINIMUM_SCALE",
                        "MAXIMUM_SCALE",
                        "SQL_DATA_TYPE",
                        "SQL_DATETIME_SUB",
                        "NUM_PREC_RADIX");
        List<Integer> dataTypes =
                types.rows().stream().map(row -> (Integer) row.get(1)).toList();
        assertThat(dataTypes).isSorted();
        List<Object> decimal = types.rows().stream()
                .filter(row -> row.get(0).equals("DECIMAL"))
                .findFirst()
                .orElseThrow();
        assertThat(decimal.get(2)).isEqualTo(38);
        assertThat(decimal.get(5)).isEqualTo("precision,scale");
        assertThat(decimal.get(14)).isEqualTo((short) 38);
        assertThat(types.rows()).extracting(row -> row.get(0)).contains("STRING", "TIMESTAMP_NTZ", "ARRAY", "MAP");
    }

    @Test
    void answersNoKeysWithTheirColumns() {
        MetadataResult keys = catalog.primaryKeys(ALICE, SESSION, null, "hs_db", "t1");
        assertThat(keys.rows()).isEmpty();
        assertThat(names(keys))
                .containsExactly("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
        assertThat(keys.columns().get(4).sqlType()).isEqualTo(Types.SMALLINT);

        MetadataResult references = catalog.crossReference(ALICE, SESSION, null, "hs_db", "t1", null, "hs_db", "v1");
        assertThat(references.rows()).isEmpty();
        assertThat(names(references))
                .containsExactly(
                        "PKTABLE_CAT",
                        "PKTABLE_SCHEM",
                        "PKTABLE_NAME",
                        "PKCOLUMN_NAME",
                        "FKTABLE_CAT",
                        "FKTABLE_SCHEM",
                        "FKTABLE_NAME",
                        "FKCOLUMN_NAME",
                        "KEY_SEQ",
                        "UPDATE_RULE",
                        "DELETE_RULE",
                        "FK_NAME",
                        "PK_NAME",
                        "DEFERRABILITY");
        assertThat(spark.asked()).isEmpty();
    }

    @Test
    void asksInTheCallersSessionAsTheCaller() {
        SessionId other = new SessionId("session-2");
        Principal bob = new Principal("bob");

        catalog.tables(bob, other, null, null, null, null);

        assertThat(spark.asked()).isNotEmpty().allSatisfy(asked -> {
            assertThat(asked.principal()).isEqualTo(bob);
            assertThat(asked.session()).isEqualTo(other);
        });
    }

    @Test
    void everyValueHasItsColumnsJavaType() {
        List<MetadataResult> results = List.of(
                catalog.catalogs(ALICE, SESSION),
                catalog.schemas(ALICE, SESSION, null, null),
                catalog.tables(ALICE, SESSION, null, null, null, null),
                catalog.tableTypes(),
                catalog.columns(ALICE, SESSION, null, null, null, null),
                catalog.functions(ALICE, SESSION, null, null, null),
                catalog.typeInfo());
        for (MetadataResult result : results) {
            assertThat(result.rows()).isNotEmpty();
            for (List<Object> row : result.rows()) {
                for (int i = 0; i < row.size(); i++) {
                    MetadataColumn column = result.columns().get(i);
                    Object value = row.get(i);
                    if (value != null) {
                        Class<?> expected = switch (column.sqlType()) {
                            case Types.VARCHAR -> String.class;
                            case Types.INTEGER -> Integer.class;
                            case Types.SMALLINT -> Short.class;
                            case Types.BOOLEAN -> Boolean.class;
                            default -> throw new AssertionError("unexpected column type " + column);
                        };
                        assertThat(value).as(column.name()).isInstanceOf(expected);
                    }
                }
            }
        }
    }

    private static ScriptedQueries sparkAnswers() {
        return new ScriptedQueries()
                .answer("SHOW CATALOGS", row("spark_catalog"))
                .answer("SHOW NAMESPACES IN `spark_catalog`", row("default"), row("hs_db"), row("hs_x1"))
                .answer("SHOW VIEWS IN `spark_catalog`.`default`", TEMP_VIEW)
                .answer("SHOW TABLES IN `spark_catalog`.`default`", TEMP_VIEW)
                .answer("SHOW VIEWS IN `spark_catalog`.`hs_db`", row("hs_db", "v1", false), TEMP_VIEW)
                .answer(
                        "SHOW TABLES IN `spark_catalog`.`hs_db`",
                        row("hs_db", "t1", false),
                        row("hs_db", "v1", false),
                        TEMP_VIEW)
                .answer("SHOW VIEWS IN `spark_catalog`.`hs_x1`", TEMP_VIEW)
                .answer("SHOW TABLES IN `spark_catalog`.`hs_x1`", TEMP_VIEW)
                .answer("SHOW VIEWS IN `spark_catalog`.`global_temp`", row("global_temp", "gtv", true), TEMP_VIEW)
                .answer("SHOW TABLES IN `spark_catalog`.`global_temp`", row("global_temp", "gtv", true), TEMP_VIEW)
                .answer("SHOW VIEWS", TEMP_VIEW)
                .answer(
                        "DESCRIBE TABLE `spark_catalog`.`hs_db`.`t1`",
                        row("id", "int", null),
                        row("amount", "decimal(10,2)", null),
                        row("name", "varchar(20)", null),
                        row("code", "char(3)", null),
                        row("tags", "array<string>", null),
                        row("addr", "struct<street:string,zip:int>", null),
                        row("m", "map<string,bigint>", null),
                        row("ts", "timestamp", null),
                        row("tsn", "timestamp_ntz", null),
                        row("d", "date", null),
                        row("b", "binary", null),
                        row("f", "float", null),
                        row("db", "double", null),
                        row("bo", "boolean", null),
                        row("ti", "tinyint", null),
                        row("si", "smallint", null),
                        row("bi", "bigint", null),
                        row("iv", "interval day to second", null),
                        row("s", "string", "a comment"),
                        row("p", "string", null),
                        row("# Partition Information", "", ""),
                        row("# col_name", "data_type", "comment"),
                        row("p", "string", null))
                .answer(
                        "DESCRIBE TABLE `spark_catalog`.`hs_db`.`v1`",
                        row("id", "int", null),
                        row("amount", "decimal(10,2)", null))
                .answer("DESCRIBE TABLE `tv1`", row("one", "int", null), row("two", "string", null))
                .answer("DESCRIBE TABLE `global_temp`.`gtv`", row("one", "int", null))
                // SHOW FUNCTIONS lists about 500 built-ins; a few of them, as Spark spelled them
                .answer("SHOW FUNCTIONS", row("!"), row("abs"), row("date"), row("date_add"), row("dateadd"))
                .answer("SHOW USER FUNCTIONS IN `spark_catalog`.`default`")
                .answer("SHOW USER FUNCTIONS IN `spark_catalog`.`hs_db`", row("spark_catalog.hs_db.myfn"))
                .answer("SHOW USER FUNCTIONS IN `spark_catalog`.`hs_x1`");
    }

    private static List<String> names(MetadataResult result) {
        return result.columns().stream().map(MetadataColumn::name).toList();
    }

    private static List<Object> schemaNames(MetadataResult result) {
        return result.rows().stream().map(row -> row.get(0)).toList();
    }

    private static List<Object> tableNames(MetadataResult result) {
        return result.rows().stream().map(row -> row.get(2)).toList();
    }

    private static List<Object> rowOf(List<List<Object>> rows, String column) {
        return rows.stream()
                .filter(row -> row.get(3).equals(column))
                .findFirst()
                .orElseThrow();
    }

    private static List<Object> typeOf(List<List<Object>> rows, String column) {
        List<Object> row = rowOf(rows, column);
        return new ArrayList<>(Arrays.asList(row.get(3), row.get(4), row.get(5), row.get(6), row.get(8), row.get(9)));
    }
}
