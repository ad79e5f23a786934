package io.hearth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.statement.SinkConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sinks.jdbc.<name>.*} keys. */
class SinkConfigLoadingTest {
    @TempDir
    Path home;

    @Test
    void noTargetsByDefault() {
        assertThat(load(Map.of(), Map.of()).sinks().jdbcTargets()).isEmpty();
    }

    @Test
    void readsNamedTargetsWithTheirPasswordFromAReference() {
        SinkConfig sinks = load(
                        Map.of(
                                "sinks.jdbc.warehouse.url", "jdbc:postgresql://db:5432/dw",
                                "sinks.jdbc.warehouse.user", "writer",
                                "sinks.jdbc.warehouse.password", "${env:DW_PASSWORD}",
                                "sinks.jdbc.lake-2.url", "jdbc:h2:mem:x",
                                "sinks.jdbc.lake-2.driver", "org.h2.Driver"),
                        Map.of("DW_PASSWORD", "s3cret"))
                .sinks();

        SinkConfig.JdbcTarget warehouse = sinks.jdbcTargets().get("warehouse");
        assertThat(warehouse.url()).isEqualTo("jdbc:postgresql://db:5432/dw");
        assertThat(warehouse.user()).isEqualTo("writer");
        assertThat(warehouse.password()).isEqualTo("s3cret");
        assertThat(warehouse.toString()).doesNotContain("s3cret");
        assertThat(sinks.jdbcTargets().get("lake-2").driver()).isEqualTo("org.h2.Driver");
        assertThat(sinks.jdbcTargets().get("lake-2").user()).isEmpty();
    }

    @Test
    void refusesUnknownKeysAndTargetsWithoutAUrl() {
        assertThatThrownBy(() -> load(Map.of("sinks.jdbc.warehouse.uri", "jdbc:x"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sinks.jdbc.warehouse.uri");
        assertThatThrownBy(() -> load(Map.of("sinks.jdbc.warehouse.user", "u"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sinks.jdbc.warehouse.url is required");
        assertThatThrownBy(() -> load(Map.of("sinks.jdbc.warehouse.url", "postgresql://db"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sinks.jdbc.warehouse.url must be a jdbc: URL");
    }

    private HearthConfig load(Map<String, String> settings, Map<String, String> environment) {
        return ConfigLoader.load(Optional.empty(), environment, settings, home);
    }
}
