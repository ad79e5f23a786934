package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.StatementState;
import io.hearth.api.statement.Progress;
import io.hearth.api.statement.StatementParameter;
import io.hearth.api.statement.StatementStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliPartsTest {
    @Test
    void splitsScriptsAtSemicolonsOutsideQuotesAndComments() {
        assertThat(SqlScript.statements(
                        "select ';' as a; -- not; here\nselect \"x;\" /* nor; here */ ;\n\n;  -- only a comment"))
                .containsExactly("select ';' as a", "-- not; here\nselect \"x;\" /* nor; here */");
        assertThat(SqlScript.statements("select 'it''s; fine'")).containsExactly("select 'it''s; fine'");
        assertThat(SqlScript.statements("  \n -- nothing")).isEmpty();
    }

    @Test
    void drawsABarFromTasksAndStagesElseASpinner() {
        StatementStatus running =
                new StatementStatus(StatementState.RUNNING, null, new Progress(1, 3, 50, 200, "joining"));
        StatementStatus pending = new StatementStatus(StatementState.PENDING, null, null);

        assertThat(ProgressBar.render("s1", running, Duration.ofMillis(12_345), '|'))
                .isEqualTo("[=======>                      ]  25% 50/200 tasks, stage 2/3 RUNNING 12.3s joining");
        assertThat(ProgressBar.render("s1", pending, Duration.ofMillis(1_000), '/'))
                .isEqualTo("/ PENDING 1.0s s1");
        assertThat(ProgressBar.render(null, null, Duration.ZERO, '-')).isEqualTo("- waiting 0.0s");
    }

    @Test
    void parsesDurationsAsPeopleTypeThem() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void readsJobParametersAsTheirSchemaTypesSay() {
        ParameterSchema schema = ParameterSchema.of(Map.of(
                "type", "object",
                "required", List.of("n"),
                "properties",
                        Map.of(
                                "n", Map.of("type", "integer"),
                                "ratio", Map.of("type", "number"),
                                "flag", Map.of("type", "boolean"),
                                "text", Map.of("type", List.of("string", "null")),
                                "words", Map.of("type", List.of("array", "null"), "items", Map.of("type", "string")),
                                "sizes", Map.of("type", "array", "items", Map.of("type", "integer")),
                                "options", Map.of("type", "object"))));
        JobParameters parameters = new JobParameters(schema, new ObjectMapper());

        Map<String, Object> parsed = parameters.parse(
                "{\"n\": 1, \"ratio\": 0.5}",
                List.of(
                        "n=12345678901",
                        "flag=TRUE",
                        "text=a=b",
                        "words=to,be,",
                        "sizes=[1, 2]",
                        "options={\"k\": [1]}"));

        assertThat(parsed)
                .containsEntry("n", 12345678901L)
                .containsEntry("ratio", 0.5)
                .containsEntry("flag", true)
                .containsEntry("text", "a=b")
                .containsEntry("words", List.of("to", "be", ""))
                .containsEntry("sizes", List.of(1, 2))
                .containsEntry("options", Map.of("k", List.of(1)));
        assertThat(parameters.parse(null, List.of("ratio=1e3", "sizes=1,x", "text=null", "words=")))
                .containsEntry("ratio", new BigDecimal("1e3"))
                .containsEntry("sizes", Arrays.asList(1L, "x"))
                .containsEntry("text", null)
                .containsEntry("words", List.of());
        assertThat(parameters.parse(null, List.of("n=three", "unknown=1")))
                .as("left for the gateway to report, with every other problem")
                .containsEntry("n", "three")
                .containsEntry("unknown", "1");
        assertThatThrownBy(() -> parameters.parse(null, List.of("=1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parameters.parse("[1]", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(schema.find("words").typeText()).isEqualTo("array<string>|null");
        assertThat(schema.find("n").required()).isTrue();
    }

    @Test
    void followsALogWhoseWindowSlides() {
        assertThat(LogTail.overlap(List.of(), List.of("a", "b"))).isZero();
        assertThat(LogTail.overlap(List.of("a", "b"), List.of("a", "b", "c"))).isEqualTo(2);
        assertThat(LogTail.overlap(List.of("a", "b", "c"), List.of("b", "c", "d")))
                .isEqualTo(2);
        assertThat(LogTail.overlap(List.of("a", "b"), List.of("x", "y"))).isZero();
    }

    @Test
    void parsesParametersWithAndWithoutTypes() {
        assertThat(SqlCommand.parameter("n:BIGINT=10")).isEqualTo(new StatementParameter("n", "10", "BIGINT"));
        assertThat(SqlCommand.parameter("s=a=b")).isEqualTo(new StatementParameter("s", "a=b", null));
        assertThatThrownBy(() -> SqlCommand.parameter("=1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void displaysTypedValuesAsTheGatewayRendersThem() {
        assertThat(TableFormat.display(null)).isEqualTo("NULL");
        assertThat(TableFormat.display(new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(TableFormat.display(new byte[] {1, 2})).isEqualTo("AQI=");
        assertThat(TableFormat.display(Arrays.asList(1L, null))).isEqualTo("[1, NULL]");
        assertThat(TableFormat.display(Map.of("a", List.of("x")))).isEqualTo("{a: [x]}");
    }
}
