package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
